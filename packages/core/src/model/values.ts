/**
 * Argument values → PropertyValue: the value's text when it is known statically, otherwise the
 * expression's source text marked `dynamic`, always with the spans a rule needs to underline.
 */
import type { Expr, SourceText, Span } from '@roslint/parser';
import { staticText } from '@roslint/parser';
import type { PropertyValue } from './types.js';

/** Static text of an expression, or undefined when it depends on variables/commands/expressions. */
export function exprText(expr: Expr | null): string | undefined {
  try {
    return staticText(expr);
  } catch {
    return undefined;
  }
}

/** Does the expression (or anything nested in it) read a variable or run a command? */
export function isDynamicExpr(expr: Expr | null): boolean {
  return exprText(expr) === undefined;
}

export function sourceSlice(source: SourceText, span: Span): string {
  return source.text.slice(span.start, span.end);
}

/** A value the evaluator synthesises from a command word (`disable` → `disabled=yes`). */
export function commandValue(text: string, wordSpan: Span, statementSpan: Span, uncertain: boolean): PropertyValue {
  return {
    text,
    negated: false,
    dynamic: false,
    uncertain,
    span: { start: wordSpan.start, end: wordSpan.end },
    nameSpan: { start: wordSpan.start, end: wordSpan.end },
    statementSpan,
  };
}

/**
 * Split a RouterOS comma list (`10.0.0.0/8,10.1.0.0/24`, `established,related`) into its elements,
 * trimmed, empty elements dropped. Accepts a PropertyValue, a string or undefined.
 */
export function splitList(value: PropertyValue | string | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  const text = typeof value === 'string' ? value : value.text;
  const out: string[] = [];
  for (const part of text.split(',')) {
    const t = part.trim();
    if (t !== '') out.push(t);
  }
  return out;
}

/**
 * The element spans of a comma list value, for rules that underline one element of
 * `allowed-address=10.0.0.0/8,10.1.0.0/24`. Exact only for unquoted values and quoted values
 * without escapes; otherwise every element gets the whole value's span.
 */
export function splitListSpans(value: PropertyValue, source: SourceText): { text: string; span: Span }[] {
  const raw = source.text.slice(value.span.start, value.span.end);
  const quoted = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2;
  const inner = quoted ? raw.slice(1, -1) : raw;
  const offset = value.span.start + (quoted ? 1 : 0);
  if (value.dynamic || inner !== value.text) {
    return splitList(value).map((text) => ({ text, span: { ...value.span } }));
  }
  const out: { text: string; span: Span }[] = [];
  let pos = 0;
  for (const part of inner.split(',')) {
    const lead = part.length - part.trimStart().length;
    const t = part.trim();
    if (t !== '') out.push({ text: t, span: { start: offset + pos + lead, end: offset + pos + lead + t.length } });
    pos += part.length + 1;
  }
  return out;
}

const TRUE_WORDS = new Set(['yes', 'true']);
const FALSE_WORDS = new Set(['no', 'false']);

/** `yes`/`true` → true, `no`/`false` → false, else undefined. */
export function boolText(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return undefined;
}
