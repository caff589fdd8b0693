/**
 * The default terminal format, grouped by file:
 *
 *   router.rsc
 *     3:5  error  Peer `a` and peer `b` both claim 10.0.0.0/8  wireguard/overlapping-allowed-address
 *          3 | /interface wireguard peers add allowed-address=10.0.0.0/8 …
 *            |                                                ^^^^^^^^^^
 *       ↳ 5:20 peer `b` claims it here
 *
 *   ✖ 1 problem (1 error, 0 warnings, 0 infos)
 */
import type { Severity } from '@roslint/parser';
import { colors, type Colors } from './colors.js';
import { codeFrame } from './code-frame.js';
import type { Formatter } from './types.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function severityLabel(s: Severity, c: Colors): string {
  return s === 'error' ? c.red(s) : s === 'warning' ? c.yellow(s) : c.blue(s);
}

export const formatStylish: Formatter = (results, context) => {
  const c = colors(context.color);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    out.push(c.underline(result.file));
    const rows = result.diagnostics.map((d) => ({
      d,
      pos: `${d.range.start.line + 1}:${d.range.start.column + 1}`,
    }));
    const posWidth = Math.max(...rows.map((r) => r.pos.length));
    const sevWidth = Math.max(...rows.map((r) => r.d.severity.length));
    for (const { d, pos } of rows) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
      const sev = severityLabel(d.severity, c) + ' '.repeat(sevWidth - d.severity.length);
      // Messages are one line in this format; the rule id closes the row.
      const message = d.message.replace(/\s*\r?\n\s*/g, ' ');
      out.push(`  ${c.dim(pos.padEnd(posWidth))}  ${sev}  ${message}  ${c.dim(d.ruleId)}`);
      for (const frameLine of codeFrame(result, d.range, c)) out.push(`    ${frameLine}`);
      for (const r of d.related ?? []) {
        const where = `${r.file === result.file ? '' : `${r.file}:`}${r.range.start.line + 1}:${r.range.start.column + 1}`;
        out.push(`    ${c.dim(`↳ ${where}`)} ${r.message.replace(/\s*\r?\n\s*/g, ' ')}`);
      }
    }
    out.push('');
  }
  const total = errors + warnings + infos;
  if (total === 0) return '';
  const summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`;
  out.push(c.bold(errors > 0 ? c.red(summary) : warnings > 0 ? c.yellow(summary) : summary));
  return `${out.join('\n')}\n`;
};
