/**
 * roslint values → LSP values. Positions are 0-based on both sides (UTF-16 columns), so ranges
 * pass through unchanged; only severities, file names and shapes change here.
 */
import type { Diagnostic, Range as RosRange, Severity, Span, SourceText } from '@roslint/parser';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type Position as LspPosition,
  type Range as LspRange,
} from 'vscode-languageserver';
import type { RuleDocs } from './rule-docs.js';
import { fileToUri } from './uris.js';

export const SOURCE = 'roslint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspRange(r: RosRange): LspRange {
  return { start: { line: r.start.line, character: r.start.column }, end: { line: r.end.line, character: r.end.column } };
}

export function spanToRange(source: SourceText, span: Span): LspRange {
  return toLspRange(source.rangeOf(span));
}

export function offsetOf(source: SourceText, p: LspPosition): number {
  return source.offsetAt(p.line, p.character);
}

export function toLspDiagnostic(d: Diagnostic, docs: RuleDocs): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toLspRange(d.range),
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Warning,
    code: d.ruleId,
    source: SOURCE,
    message: d.message,
  };
  const href = docs.urlOf(d.ruleId);
  if (href) out.codeDescription = { href };
  if (d.ruleId === 'roslint/unused-directive') out.tags = [DiagnosticTag.Unnecessary];
  if (d.related && d.related.length > 0) {
    out.relatedInformation = d.related.map((r) => ({
      location: { uri: fileToUri(r.file), range: toLspRange(r.range) },
      message: r.message,
    }));
  }
  return out;
}

export function rangesOverlap(a: LspRange, b: LspRange): boolean {
  const before = (p: LspPosition, q: LspPosition) => p.line < q.line || (p.line === q.line && p.character < q.character);
  // touching ranges count: a cursor at the end of a diagnostic still gets its actions
  return !before(a.end, b.start) && !before(b.end, a.start);
}
