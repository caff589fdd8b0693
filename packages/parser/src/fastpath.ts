/**
 * Fast path for flat statements, the bulk of every export: `[/path…] verb name=value "str" [ find a=b ]`.
 *
 * Chevrotain costs ~0.6 µs per token; exports are millions of tokens of the simplest shape. This
 * builds the same AST as the grammar (via the shared `buildCommand`) for token sequences made only of
 * words, named/unset args, plain strings, variables and `[ … ]` around such a command. Anything else
 * (expressions, blocks, `where`, interpolation, glued values) returns null and goes to the grammar.
 * A test checks that both paths give identical trees.
 */
import type { Arg, Expr, Statement, StringExpr, StringPart } from './ast.js';
import { SPACED_VALUE_ARGS } from './commands.js';
import { intern } from './flatline.js';
import { buildCommand, OFFSET_MAPS } from './grammar.js';
import * as T from './lexer/tokens.js';
import type { Tok } from './lexer/tokens.js';

const FAIL = null;

export function fastStatement(tokens: Tok[]): Statement | null {
  return fastCommand(tokens, 0, tokens.length);
}

/** Parses tokens[from, to) as one command line, or null. */
function fastCommand(tokens: Tok[], from: number, to: number): Statement | null {
  let i = from;
  let slash: Tok | undefined;
  if (i < to && tokens[i]!.tokenType === T.Slash) slash = tokens[i++]!;
  const items: Arg[] = [];
  while (i < to) {
    const t = tokens[i]!;
    const type = t.tokenType;
    if (type === T.Bang) {
      const w = tokens[i + 1];
      if (!w || i + 1 >= to || w.tokenType !== T.Word) return FAIL;
      items.push({ kind: 'unset', name: w.image, start: t.startOffset, end: w.end });
      i += 2;
    } else if (type === T.ArgName) {
      const eq = tokens[i + 1];
      if (!eq || i + 1 >= to || eq.tokenType !== T.Assign) return FAIL;
      i += 2;
      let bang: Tok | undefined;
      if (i < to && tokens[i]!.tokenType === T.Bang) bang = tokens[i++]!;
      let value: Expr | null = null;
      if (i < to && (!tokens[i]!.ws || SPACED_VALUE_ARGS.has(t.image)) && isValueStart(tokens[i]!)) {
        const v = fastValue(tokens, i, to);
        if (!v) return FAIL;
        value = v.expr;
        i = v.next;
      }
      items.push({
        kind: 'named', name: intern(t.image), nameSpan: { start: t.startOffset, end: t.end }, negated: bang !== undefined, value,
        start: t.startOffset, end: value ? value.end : bang ? bang.end : eq.end,
      });
    } else if (isValueStart(t)) {
      const v = fastValue(tokens, i, to);
      if (!v) return FAIL;
      items.push({ kind: 'positional', value: v.expr, start: v.expr.start, end: v.expr.end });
      i = v.next;
    } else {
      return FAIL;
    }
  }
  if (!slash && items.length === 0) return FAIL;
  return buildCommand(undefined, slash, undefined, items);
}

function isValueStart(t: Tok): boolean {
  const type = t.tokenType;
  return type === T.Word || type === T.StringStart || type === T.Variable || type === T.LBracket;
}

/** One value; fails on anything glued to it (a concatenation is the grammar's job). */
function fastValue(tokens: Tok[], i: number, to: number): { expr: Expr; next: number } | null {
  const t = tokens[i]!;
  let expr: Expr;
  let next: number;
  if (t.tokenType === T.Word) {
    expr = { kind: 'word', text: t.image, start: t.startOffset, end: t.end };
    next = i + 1;
  } else if (t.tokenType === T.Variable) {
    expr = { kind: 'variable', name: t.value ?? '', quoted: t.quoted ?? false, start: t.startOffset, end: t.end };
    next = i + 1;
  } else if (t.tokenType === T.StringStart) {
    const parts: StringPart[] = [];
    let j = i + 1;
    let value = '';
    if (j < to && tokens[j]!.tokenType === T.StringText) {
      const s = tokens[j]!;
      const part = { kind: 'text' as const, value: s.value ?? '', start: s.startOffset, end: s.end };
      if (s.srcStart) OFFSET_MAPS.set(part, { srcStart: s.srcStart, srcEnd: s.srcEnd! });
      parts.push(part);
      value = part.value;
      j++;
    }
    if (j >= to || tokens[j]!.tokenType !== T.StringEnd) return FAIL;
    const str: StringExpr = { kind: 'string', value, parts, start: t.startOffset, end: tokens[j]!.end };
    expr = str;
    next = j + 1;
  } else if (t.tokenType === T.LBracket) {
    // Find the matching `]` (no nested brackets in the fast path).
    let j = i + 1;
    while (j < to && tokens[j]!.tokenType !== T.RBracket) {
      const tt = tokens[j]!.tokenType;
      if (tt === T.LBracket || tt === T.Sep || tt === T.Slash) return FAIL;
      j++;
    }
    if (j >= to) return FAIL;
    const cmd = j > i + 1 ? fastCommand(tokens, i + 1, j) : null;
    if (j > i + 1 && (!cmd || cmd.kind !== 'command')) return FAIL;
    expr = { kind: 'substitution', command: cmd && cmd.kind === 'command' ? cmd : null, start: t.startOffset, end: tokens[j]!.end };
    next = j + 1;
  } else {
    return FAIL;
  }
  if (next < to && !tokens[next]!.ws && isGlueable(tokens[next]!)) return FAIL;
  return { expr, next };
}

function isGlueable(t: Tok): boolean {
  const type = t.tokenType;
  return type === T.Word || type === T.StringStart || type === T.Variable || type === T.LBracket ||
    type === T.LParen || type === T.LBrace || type === T.LCurlyArray;
}
