/**
 * Checkstyle XML, as ESLint's `checkstyle` formatter writes it (Jenkins' Warnings NG and GitLab
 * importers read this): one `<file>` per linted file, one `<error>` per finding with 1-based
 * line/column, `severity` error|warning|info and `source="roslint.rules.<id>"`.
 */
import { absolute, oneLine } from './paths.js';
import type { Formatter } from './types.js';
import { xmlAttr } from './xml.js';

export const formatCheckstyle: Formatter = (results, context) => {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const r of results) {
    out.push(`  <file name="${xmlAttr(absolute(r.file, context.cwd))}">`);
    for (const d of r.diagnostics) {
      out.push(
        `    <error line="${d.range.start.line + 1}" column="${d.range.start.column + 1}" severity="${d.severity}" ` +
          `message="${xmlAttr(`${oneLine(d.message)} (${d.ruleId})`)}" source="${xmlAttr(`roslint.rules.${d.ruleId}`)}" />`,
      );
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
};
