/**
 * `file:line:col: error|warning|note: message [rule]` — the shape compilers print and editors'
 * quickfix lists (Vim's errorformat, Emacs compilation-mode) parse. Related locations follow as
 * `note:` lines, as GCC prints "previous definition was here".
 */
import { oneLine } from './paths.js';
import type { Formatter } from './types.js';

const KIND = { error: 'error', warning: 'warning', info: 'note' } as const;

export const formatGcc: Formatter = (results) => {
  const out: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      out.push(`${r.file}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${KIND[d.severity]}: ${oneLine(d.message)} [${d.ruleId}]`);
      for (const rel of d.related ?? []) {
        out.push(`${rel.file}:${rel.range.start.line + 1}:${rel.range.start.column + 1}: note: ${oneLine(rel.message)} [${d.ruleId}]`);
      }
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
};
