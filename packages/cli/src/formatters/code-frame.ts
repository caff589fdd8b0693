/**
 * A few source lines under a diagnostic with its range underlined. Secret values are replaced by
 * `<redacted>` and the underline is moved to match; long lines are shown as a window around the
 * range.
 */
import type { Range } from '@roslint/parser';
import { redactSegments, type LintResult, type TextSegment } from '@roslint/core';
import type { Colors } from './colors.js';

const MAX_LINES = 3;
const MAX_WIDTH = 120;

/**
 * Source characters kept on each side of the range before redaction and display windowing: a
 * diagnostic on a 100 KB line must not cost 100 KB of work (a file can have thousands of them).
 * Wider than MAX_WIDTH so that redaction (`<redacted>` is shorter than a key) cannot starve the
 * display window.
 */
const SOURCE_MARGIN = 4 * MAX_WIDTH;

interface DisplayLine {
  text: string;
  /** Source text was cut off before/after `text`. */
  clippedStart: boolean;
  clippedEnd: boolean;
  /** Display column of a source column (after redaction); `edge` picks a side within a redacted value. */
  column(sourceColumn: number, edge: 'start' | 'end'): number;
}

function displayLine(result: LintResult, line: number, fromCol: number): DisplayLine {
  const full = result.source.lineText(line);
  const cutStart = Math.max(0, fromCol - SOURCE_MARGIN);
  const cutEnd = Math.min(full.length, fromCol + 2 * SOURCE_MARGIN);
  const text = cutStart > 0 || cutEnd < full.length ? full.slice(cutStart, cutEnd) : full;
  const base = (result.source.lineStarts[line] ?? 0) + cutStart;
  const segments: TextSegment[] = redactSegments(text, result.secretSpans, base);
  const starts: number[] = [];
  let shown = '';
  for (const s of segments) {
    starts.push(shown.length);
    // Tabs and other control characters would break the alignment of the underline.
    shown += s.redacted ? s.text : s.text.replace(/[\t\u0000-\u001f\u007f]/g, ' ');
  }
  return {
    text: shown,
    clippedStart: cutStart > 0,
    clippedEnd: cutEnd < full.length,
    column(sourceColumn, edge) {
      const offset = base - cutStart + sourceColumn;
      if (offset < base) return 0;
      for (let i = 0; i < segments.length; i++) {
        const s = segments[i]!;
        if (offset < s.start || offset > s.end) continue;
        if (!s.redacted) return starts[i]! + (offset - s.start);
        if (offset === s.start) return starts[i]!;
        if (offset === s.end || edge === 'end') return starts[i]! + s.text.length;
        return starts[i]!;
      }
      return shown.length;
    },
  };
}

export function codeFrame(result: LintResult, range: Range, c: Colors): string[] {
  const first = range.start.line;
  // A range ending at column 0 does not touch its last line.
  let last = range.end.line > first && range.end.column === 0 ? range.end.line - 1 : range.end.line;
  last = Math.min(last, first + MAX_LINES - 1, result.source.lineCount - 1);
  const gutterWidth = String(last + 1).length;
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const fromCol = line === first ? range.start.column : 0;
    const d = displayLine(result, line, fromCol);
    const toCol = line === range.end.line ? range.end.column : result.source.lineLength(line);
    let from = d.column(fromCol, 'start');
    let to = Math.max(from + 1, d.column(toCol, 'end'));
    let text = d.text;
    if (text.length > MAX_WIDTH || d.clippedStart || d.clippedEnd) {
      const ws = Math.max(0, Math.min(from - 30, text.length - MAX_WIDTH));
      const prefix = ws > 0 || d.clippedStart ? '…' : '';
      const suffix = ws + MAX_WIDTH < text.length || d.clippedEnd ? '…' : '';
      text = prefix + text.slice(ws, ws + MAX_WIDTH) + suffix;
      from = from - ws + prefix.length;
      to = Math.min(to - ws + prefix.length, prefix.length + MAX_WIDTH);
      to = Math.max(to, from + 1);
    }
    const gutter = String(line + 1).padStart(gutterWidth);
    out.push(`${c.dim(`${gutter} |`)} ${text}`);
    out.push(`${c.dim(`${' '.repeat(gutterWidth)} |`)} ${' '.repeat(from)}${c.red('^'.repeat(to - from))}`);
  }
  return out;
}
