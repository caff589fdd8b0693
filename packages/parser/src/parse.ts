/**
 * Public entry: text → AST + syntax diagnostics. Never throws.
 *
 * The scanner cuts the file into top-level statements and tokenizes each; the one shared chevrotain
 * parser parses them one at a time. A statement that fails becomes an ErrorStatement and parsing
 * resumes with the next one. Script-carrying string values (`source=`, `on-event=`, …) are parsed
 * again as scripts, with spans mapped back into this file.
 */
import type { NamedArg, Script, Statement, StringExpr } from './ast.js';
import { SCRIPT_PROPERTIES } from './commands.js';
import type { Diagnostic } from './diagnostics.js';
import { fastStatement } from './fastpath.js';
import { OFFSET_MAPS, RouterOsParser } from './grammar.js';
import { Scanner, type ScannedStatement, type SyntaxProblem } from './lexer/scanner.js';
import { SourceText } from './source.js';

export interface ParseOptions {
  /** File name used in diagnostics. */
  file?: string;
}

export interface ParseResult {
  script: Script;
  source: SourceText;
  /** `syntax/*` diagnostics (parse errors, encoding info, …). */
  diagnostics: Diagnostic[];
}

/** Embedded scripts inside embedded scripts are followed this deep. */
const MAX_EMBED_DEPTH = 4;

let sharedParser: RouterOsParser | null = null;
function parser(): RouterOsParser {
  return (sharedParser ??= new RouterOsParser());
}

export function parseSource(source: SourceText, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? '<input>';
  const problems: SyntaxProblem[] = [];
  let script: Script;
  try {
    script = parseText(source.text, problems, 0);
  } catch (e) {
    // Defensive: the scanner and parser are written not to throw; never let a bug escape.
    problems.push({ ruleId: 'syntax/parse-error', severity: 'error', message: `internal parser error: ${String(e)}`, start: 0, end: 0 });
    script = { kind: 'script', body: [], comments: [], start: 0, end: source.text.length };
  }
  const diagnostics: Diagnostic[] = [];
  if (source.encoding === 'windows-1252') {
    diagnostics.push({
      ruleId: 'syntax/encoding', severity: 'info', file, range: source.rangeOf({ start: 0, end: 0 }),
      message: 'the file is not valid UTF-8; it was read as Windows-1252',
    });
  }
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  for (const p of problems) {
    diagnostics.push({ ruleId: p.ruleId, severity: p.severity, message: p.message, file, range: source.rangeOf(p) });
  }
  return { script, source, diagnostics };
}

/** Parse a string or raw bytes (bytes are decoded: BOM, UTF-8 or Windows-1252 fallback). */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const source = typeof input === 'string' ? new SourceText(input) : SourceText.fromBytes(input);
  return parseSource(source, options);
}

/** Parses a whole text (a file or an embedded script); offsets are relative to `text`. */
function parseText(text: string, problems: SyntaxProblem[], embedDepth: number, lineOf?: (offset: number) => number): Script {
  const comments: Script['comments'] = [];
  const body: Statement[] = [];
  const scanner = new Scanner(text, problems, comments, lineOf);
  const outerLineOf = (o: number) => scanner.lineOf(o);
  for (;;) {
    const st = scanner.next();
    if (!st) break;
    if (st.failed) {
      body.push({ kind: 'error', start: st.start, end: st.end });
      continue;
    }
    const stmt = parseStatement(st, problems);
    body.push(stmt);
    if (embedDepth < MAX_EMBED_DEPTH && st.hasScriptString) attachEmbedded(stmt, problems, embedDepth, outerLineOf);
  }
  return { kind: 'script', body, comments, start: 0, end: text.length };
}

/** Test hook: force every statement through the chevrotain grammar. */
export const parserTestHooks = { disableFastPath: false };

function parseStatement(st: ScannedStatement, problems: SyntaxProblem[]): Statement {
  if (!parserTestHooks.disableFastPath) {
    const fast = fastStatement(st.tokens);
    if (fast) return fast;
  }
  const p = parser();
  try {
    p.input = st.tokens;
    const stmt = p.topStatement();
    const err = p.errors[0];
    if (!err) return stmt;
    const tok = err.token;
    const last = st.tokens[st.tokens.length - 1]!;
    const atEnd = tok.tokenType.name === 'EOF' || Number.isNaN(tok.startOffset);
    const start = atEnd ? last.startOffset : tok.startOffset;
    const end = atEnd ? last.end : (tok as { end?: number }).end ?? tok.startOffset + tok.image.length;
    problems.push({ ruleId: 'syntax/parse-error', severity: 'error', message: atEnd ? `${err.message} after \`${last.image}\`` : err.message, start, end });
  } catch (e) {
    const tooDeep = e instanceof RangeError;
    problems.push({
      ruleId: tooDeep ? 'syntax/too-deep' : 'syntax/parse-error', severity: 'error', start: st.start, end: st.end,
      message: tooDeep ? 'statement nested too deeply to parse' : `internal parser error: ${String(e)}`,
    });
  } finally {
    p.input = [];
  }
  return { kind: 'error', start: st.start, end: st.end };
}

// ---- embedded scripts ---------------------------------------------------------------------------

/** Parses every script-carrying string argument in `stmt` and stores the result in `embedded`. */
function attachEmbedded(stmt: Statement, problems: SyntaxProblem[], embedDepth: number, lineOf: (o: number) => number): void {
  const stack: unknown[] = [stmt];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const n of node) stack.push(n);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const n = node as { kind?: string };
    if (n.kind === 'named') {
      const arg = node as NamedArg;
      if (arg.value?.kind === 'string' && SCRIPT_PROPERTIES.has(arg.name)) embed(arg.value, problems, embedDepth, lineOf);
    }
    if (n.kind === 'string') continue; // strings' own interpolations hold no script properties worth it
    for (const key in n) {
      const v = (n as Record<string, unknown>)[key];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
}

function embed(str: StringExpr, problems: SyntaxProblem[], embedDepth: number, lineOf: (o: number) => number): void {
  if (str.value === null || str.value.length === 0) return;
  const maps = [];
  for (const part of str.parts) {
    const m = OFFSET_MAPS.get(part);
    if (!m) return;
    maps.push(m);
  }
  const len = str.value.length;
  const srcStart = new Int32Array(len);
  const srcEnd = new Int32Array(len);
  let k = 0;
  for (const m of maps) {
    srcStart.set(m.srcStart, k);
    srcEnd.set(m.srcEnd, k);
    k += m.srcStart.length;
  }
  if (k !== len) return; // maps and value disagree: do not risk wrong positions
  const mapStart = (o: number) => (o < len ? srcStart[o]! : srcEnd[len - 1]!);
  const mapEnd = (o: number) => (o > 0 ? srcEnd[Math.min(o, len) - 1]! : srcStart[0]!);

  const inner: SyntaxProblem[] = [];
  const script = parseText(str.value, inner, embedDepth + 1, (o) => lineOf(mapStart(o)));
  remapSpans(script, mapStart, mapEnd);
  for (const p of inner) {
    p.start = mapStart(p.start);
    p.end = Math.max(p.start, mapEnd(p.end));
    problems.push(p);
  }
  str.embedded = script;
}

/** Rewrites every `start`/`end` pair in a tree (nodes, nameSpan, string parts) through the maps. */
function remapSpans(root: object, mapStart: (o: number) => number, mapEnd: (o: number) => number): void {
  const seen = new Set<object>();
  const stack: object[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const rec = node as Record<string, unknown>;
    if (!Array.isArray(node) && typeof rec.start === 'number' && typeof rec.end === 'number') {
      const s = mapStart(rec.start as number);
      rec.end = Math.max(s, mapEnd(rec.end as number));
      rec.start = s;
    }
    for (const key in rec) {
      const v = rec[key];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
}
