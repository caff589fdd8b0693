import type { Range } from '@roslint/parser';

/** Diagnostics are 0-based inside; every CLI output is 1-based (ESLint's field names). */
export function oneBased(range: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: range.start.line + 1,
    column: range.start.column + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.column + 1,
  };
}
