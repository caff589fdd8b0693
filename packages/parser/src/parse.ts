/**
 * Public entry: text → AST + syntax diagnostics. Never throws.
 *
 * The scanner cuts the file into top-level statements and tokenizes each; the one shared chevrotain
 * parser parses them one at a time. A statement that fails becomes an ErrorStatement and parsing
 * resumes with the next one. Script-carrying string values (`source=`, `on-event=`, …) are parsed
 * again as scripts, with spans mapped back into this file.
 */
import type { Comment, NamedArg, Script, Statement, StringExpr } from './ast.js';
import { binaryMessage, detectBinary, findNuls } from './binary.js';
import { SCRIPT_PROPERTIES } from './commands.js';
import type { Diagnostic } from './diagnostics.js';
import { EmbeddedScriptCache, remappedCopy } from './embedcache.js';
import { fastStatement } from './fastpath.js';
import type { FlatCommand } from './flatcommand.js';
import { flatLineHooks } from './flatline.js';
import { BLOCK_OPEN, OFFSET_MAPS, RouterOsParser } from './grammar.js';
import { MAX_DEPTH, Scanner, type ScannedStatement, type SyntaxProblem } from './lexer/scanner.js';
import * as T from './lexer/tokens.js';
import type { Tok } from './lexer/tokens.js';
import { SourceText } from './source.js';

export interface ParseOptions {
  /** File name used in diagnostics. */
  file?: string;
  /**
   * Streaming: each top-level statement is handed to this callback as soon as it is parsed and is
   * NOT kept in `script.body` (which stays empty). A 20 MB export's AST is ~300 MB; a consumer that
   * evaluates statement by statement lets each one die young instead. `comments` is the live list
   * of comments seen so far (every comment before `stmt` is in it).
   */
  onStatement?: (stmt: Statement, comments: readonly Comment[]) => void;
  /**
   * Streaming, before `onStatement`: a plain `verb name=value …` line (most of an export) offered
   * without its AST (see flatcommand.ts; the object is reused for the next line). Return true when
   * it was consumed; false hands its statement to `onStatement` (or `script.body`) as usual.
   */
  onFlatCommand?: (cmd: FlatCommand, comments: readonly Comment[]) => boolean;
}

export interface ParseResult {
  script: Script;
  source: SourceText;
  /** `syntax/*` diagnostics (parse errors, encoding info, …). */
  diagnostics: Diagnostic[];
}

/** Syntax errors reported per file; the rest are summarised in one diagnostic. */
export const MAX_SYNTAX_ERRORS = 1000;

/** Embedded scripts inside embedded scripts are followed this deep. */
const MAX_EMBED_DEPTH = 4;

let sharedParser: RouterOsParser | null = null;
function parser(): RouterOsParser {
  return (sharedParser ??= new RouterOsParser());
}

export function parseSource(source: SourceText, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? '<input>';
  const binary = detectBinary(source.text);
  if (binary !== undefined) {
    // Not a script: one clear error instead of thousands of meaningless ones.
    return {
      script: { kind: 'script', body: [], comments: [], start: 0, end: source.text.length },
      source,
      diagnostics: [{ ruleId: 'syntax/binary-file', severity: 'error', file, range: source.rangeOf({ start: 0, end: 0 }), message: binaryMessage(binary) }],
    };
  }
  const problems: SyntaxProblem[] = [];
  let script: Script;
  try {
    script = parseText(source.text, problems, 0, undefined, options.onStatement, options.onFlatCommand);
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
  const nuls = findNuls(source.text);
  if (nuls !== undefined) {
    problems.push({
      ruleId: 'syntax/parse-error', severity: 'error', start: nuls.first, end: nuls.first + 1,
      message: nuls.count === 1
        ? 'a NUL byte is not valid in a RouterOS script (is the file corrupted?)'
        : `${nuls.count} NUL bytes, the first here; they are not valid in a RouterOS script (is the file corrupted?)`,
    });
  }
  problems.sort((a, b) => a.start - b.start || a.end - b.end);
  // A garbage file can have an error per character; past a point more of them help nobody.
  const shown = problems.length > MAX_SYNTAX_ERRORS ? problems.slice(0, MAX_SYNTAX_ERRORS) : problems;
  for (const p of shown) {
    diagnostics.push({ ruleId: p.ruleId, severity: p.severity, message: p.message, file, range: source.rangeOf(p) });
  }
  if (shown.length < problems.length) {
    const last = shown[shown.length - 1]!;
    diagnostics.push({
      ruleId: 'syntax/parse-error', severity: 'error', file, range: source.rangeOf({ start: last.end, end: last.end }),
      message: `too many syntax errors: ${problems.length - shown.length} more after this point are not reported`,
    });
  }
  return { script, source, diagnostics };
}

/** Parse a string, raw bytes (decoded: BOM, UTF-8 or Windows-1252 fallback) or a SourceText. */
export function parse(input: string | Uint8Array | SourceText, options: ParseOptions = {}): ParseResult {
  const source = input instanceof SourceText ? input : typeof input === 'string' ? new SourceText(input) : SourceText.fromBytes(input);
  return parseSource(source, options);
}

/** Parses a whole text (a file or an embedded script); offsets are relative to `text`. */
function parseText(
  text: string, problems: SyntaxProblem[], embedDepth: number, lineOf?: (offset: number) => number,
  onStatement?: (stmt: Statement, comments: readonly Comment[]) => void,
  onFlatCommand?: (cmd: FlatCommand, comments: readonly Comment[]) => boolean,
): Script {
  const comments: Script['comments'] = [];
  const body: Statement[] = [];
  const scanner = new Scanner(text, problems, comments, lineOf);
  const outerLineOf = (o: number) => scanner.lineOf(o);
  for (;;) {
    const st = scanner.next();
    if (!st) break;
    let stmt: Statement;
    if (st.flat) {
      if (onFlatCommand && onFlatCommand(st.flat, comments)) continue;
      stmt = st.flat.toStatement();
    } else if (st.failed) {
      stmt = { kind: 'error', start: st.start, end: st.end };
    } else {
      // The flat-line path (most of an export) already built the statement: no token parse at all.
      stmt = st.statement ?? parseStatement(st, problems);
      if (embedDepth < MAX_EMBED_DEPTH && st.hasScriptString) attachEmbedded(stmt, problems, embedDepth, outerLineOf);
    }
    if (onStatement) onStatement(stmt, comments);
    else body.push(stmt);
  }
  return { kind: 'script', body, comments, start: 0, end: text.length };
}

/** Test hook: force every statement through the chevrotain grammar. */
export const parserTestHooks = { disableFastPath: false };

function parseStatement(st: ScannedStatement, problems: SyntaxProblem[]): Statement {
  const cutOut = new Map<number, Statement[]>(); // `{` offset → statements removed from that block
  const r = parseRecovering(st.tokens, problems, 0, cutOut);
  if (!r) return { kind: 'error', start: st.start, end: st.end };
  if (cutOut.size) putBack(r.stmt, cutOut);
  return r.stmt;
}

type Attempt = { stmt: Statement; error: null } | { stmt: null; error: SyntaxProblem };

/** One parse of a token list (fast path first); the error is returned, not reported. */
function attempt(tokens: Tok[]): Attempt {
  if (!parserTestHooks.disableFastPath) {
    const fast = fastStatement(tokens);
    if (fast) return { stmt: fast, error: null };
  }
  const p = parser();
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  try {
    p.input = tokens;
    const stmt = p.topStatement();
    const err = p.errors[0];
    if (!err) return { stmt, error: null };
    const tok = err.token;
    const atEnd = tok.tokenType.name === 'EOF' || Number.isNaN(tok.startOffset);
    const start = atEnd ? last.startOffset : tok.startOffset;
    const end = atEnd ? last.end : (tok as { end?: number }).end ?? tok.startOffset + tok.image.length;
    return { stmt: null, error: { ruleId: 'syntax/parse-error', severity: 'error', message: atEnd ? `${err.message} after \`${last.image}\`` : err.message, start, end } };
  } catch (e) {
    const tooDeep = e instanceof RangeError;
    return {
      stmt: null,
      error: {
        ruleId: tooDeep ? 'syntax/too-deep' : 'syntax/parse-error', severity: 'error', start: first.startOffset, end: last.end,
        message: tooDeep ? 'statement nested too deeply to parse' : `internal parser error: ${String(e)}`,
      },
    };
  } finally {
    p.input = [];
  }
}

/**
 * Parses a statement; when it fails and contains `{ … }` blocks, each statement inside the blocks
 * is parsed on its own, the failing ones are reported and cut out (kept as ErrorStatements), and
 * the rest is parsed again, so one error inside a long `:if … do={ … }` does not hide the others.
 * Returns null when the statement itself (outside its blocks) is broken; its error is reported.
 */
function parseRecovering(
  tokens: Tok[], problems: SyntaxProblem[], depth: number, cutOut: Map<number, Statement[]>,
): { stmt: Statement; tokens: Tok[] } | null {
  const first = attempt(tokens);
  if (first.stmt) return { stmt: first.stmt, tokens };
  if (depth > MAX_DEPTH || !tokens.some((t) => t.tokenType === T.LBrace)) {
    problems.push(first.error);
    return null;
  }
  const cleaned: Tok[] = [];
  let removed = 0;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    cleaned.push(t);
    i++;
    if (t.tokenType !== T.LBrace) continue;
    // Split this block's body at its own separators and parse each statement alone.
    const errors: Statement[] = [];
    let nest = 0;
    let stmtStart = i;
    const flush = (endIdx: number) => {
      if (endIdx > stmtStart) {
        const part = tokens.slice(stmtStart, endIdx);
        const r = parseRecovering(part, problems, depth + 1, cutOut);
        if (r) cleaned.push(...r.tokens);
        else errors.push({ kind: 'error', start: part[0]!.startOffset, end: part[part.length - 1]!.end });
      }
    };
    for (; i < tokens.length; i++) {
      const tt = tokens[i]!.tokenType;
      if (nest === 0 && (tt === T.Sep || tt === T.RBrace)) {
        flush(i);
        if (tt === T.RBrace) break;
        cleaned.push(tokens[i]!);
        stmtStart = i + 1;
        continue;
      }
      if (tt === T.LBrace || tt === T.LCurlyArray || tt === T.LBracket || tt === T.LParen || tt === T.InterpParen || tt === T.InterpBracket) nest++;
      else if (tt === T.RBrace || tt === T.RBracket || tt === T.RParen) nest--;
    }
    if (errors.length) {
      cutOut.set(t.startOffset, errors);
      removed += errors.length;
    }
  }
  if (removed === 0 && cleaned.length === tokens.length) {
    problems.push(first.error);
    return null;
  }
  const second = attempt(cleaned);
  if (!second.stmt) {
    problems.push(second.error);
    return null;
  }
  return { stmt: second.stmt, tokens: cleaned };
}

/** Puts the ErrorStatements of cut-out statements back into their blocks, in source order. */
function putBack(root: Statement, cutOut: Map<number, Statement[]>): void {
  const stack: unknown[] = [root];
  while (stack.length && cutOut.size) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const n of node) stack.push(n);
      continue;
    }
    const n = node as { kind?: string; start: number; body?: Statement[] };
    if (n.body && (n.kind === 'block' || n.kind === 'blockStatement' || n.kind === 'pathBlock')) {
      const open = n.kind === 'pathBlock' ? BLOCK_OPEN.get(n) : n.start;
      const errs = open === undefined ? undefined : cutOut.get(open);
      if (errs) {
        n.body.push(...errs);
        n.body.sort((a, b) => a.start - b.start);
        cutOut.delete(open!);
      }
    }
    for (const key in n) {
      const v = (n as unknown as Record<string, unknown>)[key];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
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

/**
 * Embedded scripts parsed so far, by text (embedcache.ts). Module-wide: the next file of a fleet
 * carries the same scripts. Bypassed while a test hook forces the slow paths, so those tests still
 * compare two real parses.
 */
const embeddedScripts = new EmbeddedScriptCache();

function embed(str: StringExpr, problems: SyntaxProblem[], embedDepth: number, lineOf: (o: number) => number): void {
  if (str.value === null || str.value.length === 0) return;
  const maps = [];
  for (const part of str.parts) {
    const m = OFFSET_MAPS.get(part);
    if (!m) return;
    maps.push(m);
  }
  const len = str.value.length;
  let srcStart: Int32Array, srcEnd: Int32Array;
  if (maps.length === 1) ({ srcStart, srcEnd } = maps[0]!);
  else {
    srcStart = new Int32Array(len);
    srcEnd = new Int32Array(len);
    let k = 0;
    for (const m of maps) {
      srcStart.set(m.srcStart, k);
      srcEnd.set(m.srcEnd, k);
      k += m.srcStart.length;
    }
  }
  if (srcStart.length !== len || srcEnd.length !== len) return; // maps and value disagree: do not risk wrong positions
  const mapStart = (o: number) => (o < len ? srcStart[o]! : srcEnd[len - 1]!);
  const mapEnd = (o: number) => (o > 0 ? srcEnd[Math.min(o, len) - 1]! : srcStart[0]!);

  const depth = embedDepth + 1;
  const useCache = !parserTestHooks.disableFastPath && !flatLineHooks.disabled;
  let script = useCache ? embeddedScripts.get(str.value, depth) : undefined;
  if (!script) {
    const inner: SyntaxProblem[] = [];
    script = parseText(str.value, inner, depth, (o) => lineOf(mapStart(o)));
    // Messages name lines of this file: a script with problems is not reused elsewhere.
    if (useCache && inner.length === 0) embeddedScripts.set(str.value, depth, script);
    for (const p of inner) {
      p.start = mapStart(p.start);
      p.end = Math.max(p.start, mapEnd(p.end));
      problems.push(p);
    }
  }
  str.embedded = remappedCopy(script, mapStart, mapEnd);
}
