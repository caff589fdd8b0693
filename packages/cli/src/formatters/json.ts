/**
 * ESLint-compatible JSON: `[{ filePath, messages: [{ ruleId, severity, message, line, column,
 * endLine, endColumn }], errorCount, warningCount }]`. Severity 2 = error, 1 = warning; info
 * findings are severity 1 with `level: "info"` (every message carries `level`) and are counted in
 * `infoCount`. Lines and columns are 1-based, end exclusive. No source text is included.
 */
import * as path from 'node:path';
import type { Diagnostic } from '@roslint/parser';
import type { Formatter } from './types.js';
import { oneBased } from './one-based.js';

function message(d: Diagnostic): Record<string, unknown> {
  const m: Record<string, unknown> = {
    ruleId: d.ruleId,
    severity: d.severity === 'error' ? 2 : 1,
    level: d.severity,
    message: d.message,
    ...oneBased(d.range),
  };
  if (d.related && d.related.length > 0) {
    m.relatedLocations = d.related.map((r) => ({
      filePath: r.file,
      message: r.message,
      ...oneBased(r.range),
    }));
  }
  // ESLint's fix shape: offsets into the text. Only single-edit fixes fit it.
  if (d.fix && d.fix.edits.length === 1) {
    const e = d.fix.edits[0]!;
    m.fix = { range: [e.range.start.offset, e.range.end.offset], text: e.text };
  }
  return m;
}

export const formatJson: Formatter = (results, context) => {
  const out = results.map((r) => {
    const count = (s: string) => r.diagnostics.filter((d) => d.severity === s).length;
    const fixable = (s: string) => r.diagnostics.filter((d) => d.severity === s && d.fix).length;
    return {
      filePath: r.file.startsWith('<') ? r.file : path.resolve(context.cwd, r.file),
      messages: r.diagnostics.map(message),
      errorCount: count('error'),
      fatalErrorCount: 0,
      warningCount: count('warning'),
      infoCount: count('info'),
      fixableErrorCount: fixable('error'),
      fixableWarningCount: fixable('warning'),
    };
  });
  return `${JSON.stringify(out)}\n`;
};
