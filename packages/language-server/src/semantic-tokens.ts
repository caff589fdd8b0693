/**
 * Semantic tokens from the parser's own AST, so highlighting agrees with how roslint reads the
 * file: menu paths, commands (script commands as keywords), property names, values, variables,
 * comments. Embedded scripts (`source="…"`) are tokenised as scripts.
 */
import { parse, type Expr, type Script, type Statement, type SourceText } from '@roslint/parser';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';

export const TOKEN_TYPES = ['namespace', 'function', 'keyword', 'property', 'string', 'number', 'variable', 'comment', 'enumMember'] as const;
type TokenType = (typeof TOKEN_TYPES)[number];
const TYPE_INDEX = new Map<TokenType, number>(TOKEN_TYPES.map((t, i) => [t, i]));

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [] };

/** Above this, highlighting falls back to the TextMate grammar (tokens would cost more than they help). */
export const MAX_TOKENIZED_CHARS = 4_000_000;

export interface Tok {
  start: number;
  end: number;
  type: TokenType;
}

/** The tokens of a script, in source order; node offsets + `offset` = offsets in the document. */
export function collectTokens(script: Script, offset = 0): Tok[] {
  const toks: Tok[] = [];
  const push = (start: number, end: number, type: TokenType) => {
    if (end > start) toks.push({ start: start + offset, end: end + offset, type });
  };
  for (const c of script.comments) push(c.start, c.end, 'comment');

  const expr = (e: Expr | null | undefined): void => {
    if (!e) return;
    switch (e.kind) {
      case 'word':
        push(e.start, e.end, /^-?\d+(\.\d+)?$/.test(e.text) ? 'number' : 'enumMember');
        return;
      case 'string':
        if (e.embedded) {
          push(e.start, e.start + 1, 'string');
          push(e.end - 1, e.end, 'string');
          for (const c of e.embedded.comments) push(c.start, c.end, 'comment');
          statements(e.embedded.body);
          return;
        }
        for (const p of e.parts) {
          if (p.kind === 'text') continue;
          expr(p.expr);
        }
        // String pieces between interpolations.
        {
          let at = e.start;
          for (const p of e.parts) {
            if (p.kind === 'interpolation') {
              push(at, p.start, 'string');
              at = p.end;
            }
          }
          push(at, e.end, 'string');
        }
        return;
      case 'variable':
        push(e.start, e.end, 'variable');
        return;
      case 'substitution':
        if (e.command) statement(e.command);
        return;
      case 'paren':
        expr(e.expr);
        return;
      case 'binary':
        expr(e.left);
        expr(e.right);
        return;
      case 'unary':
        expr(e.operand);
        return;
      case 'array':
        for (const en of e.entries) {
          expr(en.key);
          expr(en.value);
        }
        return;
      case 'block':
        statements(e.body);
        return;
      case 'concat':
        for (const p of e.parts) expr(p);
        return;
      case 'where':
        expr(e.condition);
        return;
    }
  };
  const statement = (s: Statement): void => {
    switch (s.kind) {
      case 'command':
        if (s.path) for (const seg of s.path.segments) push(seg.start, seg.end, 'namespace');
        if (s.command) push(s.command.start, s.command.end, s.colon ? 'keyword' : 'function');
        if (s.callee) push(s.callee.start, s.callee.end, 'variable');
        for (const a of s.args) {
          if (a.kind === 'named') {
            push(a.nameSpan.start, a.nameSpan.end, 'property');
            expr(a.value);
          } else if (a.kind === 'positional') expr(a.value);
          else push(a.start, a.end, 'property');
        }
        return;
      case 'pathBlock':
        for (const seg of s.path.segments) push(seg.start, seg.end, 'namespace');
        statements(s.body);
        return;
      case 'blockStatement':
        statements(s.body);
        return;
      default:
        return;
    }
  };
  const statements = (list: Statement[]) => {
    for (const s of list) statement(s);
  };
  statements(script.body);
  return toks.sort((a, b) => a.start - b.start || b.end - a.end);
}

export function semanticTokens(text: string, file: string): SemanticTokens {
  if (text.length > MAX_TOKENIZED_CHARS) return { data: [] };
  let parsed;
  try {
    parsed = parse(text, { file });
  } catch {
    return { data: [] };
  }
  return encodeTokens(collectTokens(parsed.script), parsed.source);
}

/** LSP's relative encoding of sorted tokens (lines found by walking forward: tokens are in order). */
export function encodeTokens(toks: readonly Tok[], source: SourceText): SemanticTokens {
  const starts = source.lineStarts;
  const textEnd = source.text.length;
  /** End of line `l`'s content (before its terminator). */
  const lineEnd = (l: number) => {
    let e = l + 1 < starts.length ? starts[l + 1]! : textEnd;
    const t = source.text;
    if (e > starts[l]! && (t.charCodeAt(e - 1) === 10 || t.charCodeAt(e - 1) === 13)) e--;
    if (e > starts[l]! && t.charCodeAt(e - 1) === 13 && l + 1 < starts.length) e--;
    return e;
  };
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  let line = 0;
  for (const t of toks) {
    if (t.start < lastEnd) continue; // overlapping (e.g. a comment inside a string's span)
    lastEnd = t.end;
    while (line + 1 < starts.length && starts[line + 1]! <= t.start) line++;
    // Tokens may not span lines: emit one per line piece.
    for (let l = line, at = t.start; at < t.end || l === line; l++) {
      const pieceEnd = Math.min(t.end, lineEnd(l));
      const startChar = at - starts[l]!;
      const length = pieceEnd - at;
      if (length > 0) {
        const deltaLine = l - prevLine;
        data.push(deltaLine, deltaLine === 0 ? startChar - prevChar : startChar, length, TYPE_INDEX.get(t.type)!, 0);
        prevLine = l;
        prevChar = startChar;
      }
      if (l + 1 >= starts.length || starts[l + 1]! >= t.end) break;
      at = starts[l + 1]!;
    }
  }
  return { data };
}
