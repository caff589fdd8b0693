/**
 * JUnit XML (GitLab's `artifacts:reports:junit`, Jenkins): one `<testsuite>` per file, one
 * `<testcase>` per finding — errors and warnings as `<failure>`, infos as passing cases with the
 * finding in `<system-out>` (worth knowing, not a failed test) — and a single passing case for a
 * clean file, so the report lists every file checked.
 */
import * as path from 'node:path';
import { absolute, oneLine } from './paths.js';
import type { Formatter } from './types.js';
import { cdata, xmlAttr } from './xml.js';

export const formatJunit: Formatter = (results, context) => {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<testsuites>'];
  for (const r of results) {
    const file = absolute(r.file, context.cwd);
    const classname = file.replace(/\.[^./\\]*$/, '');
    const failures = r.diagnostics.filter((d) => d.severity !== 'info').length;
    const tests = Math.max(1, r.diagnostics.length);
    out.push(`  <testsuite package="org.roslint" time="0" tests="${tests}" failures="${failures}" errors="0" name="${xmlAttr(file)}">`);
    if (r.diagnostics.length === 0) {
      out.push(`    <testcase time="0" name="${xmlAttr(path.basename(file))}" classname="${xmlAttr(classname)}" />`);
    }
    for (const d of r.diagnostics) {
      const where = `line ${d.range.start.line + 1}, col ${d.range.start.column + 1}`;
      const text = `${where}, ${d.severity[0]!.toUpperCase()}${d.severity.slice(1)} - ${oneLine(d.message)} (${d.ruleId})`;
      out.push(`    <testcase time="0" name="${xmlAttr(`org.roslint.${d.ruleId}`)}" classname="${xmlAttr(classname)}">`);
      if (d.severity === 'info') out.push(`      <system-out>${cdata(text)}</system-out>`);
      else out.push(`      <failure message="${xmlAttr(oneLine(d.message))}" type="${d.severity}">${cdata(text)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
};
