/**
 * Applying the fixes of one file's diagnostics to its text, the way ESLint does: fixes sorted by
 * position, a fix overlapping an earlier one waits for the next pass, a fix's edits go in all or
 * none. A fix is refused when a syntax error touches the lines it edits (the parser's picture of
 * that region cannot be trusted). Inserted line breaks follow the file's own (CRLF stays CRLF).
 */
import type { Diagnostic, Range } from '@roslint/parser';

export interface SkippedFix {
  diagnostic: Diagnostic;
  reason: 'overlap' | 'syntax-error';
}

export interface FixOutcome {
  text: string;
  applied: Diagnostic[];
  skipped: SkippedFix[];
}

/** A fix's extent: [first edit start, last edit end] in offsets. */
function extent(d: Diagnostic): [number, number] {
  const edits = d.fix!.edits;
  return [Math.min(...edits.map((e) => e.range.start.offset)), Math.max(...edits.map((e) => e.range.end.offset))];
}

function isSyntaxError(d: Diagnostic): boolean {
  return d.ruleId.startsWith('syntax/') && d.severity === 'error';
}

/** Lines [first, last] a fix edits (0-based). */
function lines(d: Diagnostic): [number, number] {
  const edits = d.fix!.edits;
  return [Math.min(...edits.map((e) => e.range.start.line)), Math.max(...edits.map((e) => e.range.end.line))];
}

function touches(range: Range, [first, last]: [number, number]): boolean {
  return range.start.line <= last && range.end.line >= first;
}

/** Line breaks of edit text written as the file writes them. */
export function withEol(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\r\n|\r|\n/g, eol);
}

/**
 * @param text the decoded file text the diagnostics' offsets refer to
 * @param eol the file's line terminator (SourceText.eol)
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[], eol: '\r\n' | '\n' | '\r' = '\n'): FixOutcome {
  const syntaxErrors = diagnostics.filter(isSyntaxError).map((d) => d.range);
  const fixable = diagnostics
    .filter((d) => d.fix && d.fix.edits.length > 0)
    .map((d) => ({ d, span: extent(d) }))
    .sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
  const applied: Diagnostic[] = [];
  const skipped: SkippedFix[] = [];
  const parts: string[] = [];
  let pos = 0;
  let lastEnd = -1;
  for (const { d, span } of fixable) {
    if (syntaxErrors.some((r) => touches(r, lines(d)))) {
      skipped.push({ diagnostic: d, reason: 'syntax-error' });
      continue;
    }
    // `<=` keeps two insertions at the same offset apart: their order would be a guess.
    if (span[0] < lastEnd || (span[0] === lastEnd && span[0] === span[1])) {
      skipped.push({ diagnostic: d, reason: 'overlap' });
      continue;
    }
    const edits = [...d.fix!.edits].sort((a, b) => a.range.start.offset - b.range.start.offset);
    if (edits.some((e, i) => i > 0 && e.range.start.offset < edits[i - 1]!.range.end.offset)) {
      skipped.push({ diagnostic: d, reason: 'overlap' });
      continue;
    }
    for (const e of edits) {
      parts.push(text.slice(pos, e.range.start.offset), withEol(e.text, eol));
      pos = e.range.end.offset;
    }
    lastEnd = span[1];
    applied.push(d);
  }
  parts.push(text.slice(pos));
  return { text: parts.join(''), applied, skipped };
}
