/**
 * The context-aware scanner: source text → chevrotain tokens, one top-level statement at a time.
 *
 * It is also the statement splitter (design.md): it cuts the file at newlines and `;` outside any
 * bracket or string, so each statement is parsed on its own and memory stays bounded on huge files.
 * It keeps a stack of frames (command / expression / string modes) because RouterOS lexing depends on
 * the surrounding construct (routeros-facts.md §8). Bracket balance is checked here, so a missing
 * closer is reported with the place it was opened and scanning resumes on the next line.
 */
import type { Comment, Statement } from '../ast.js';
import { BLOCK_ARGS, SCRIPT_PROPERTIES, VALUE_COMMANDS } from '../commands.js';
import { FlatCommand } from '../flatcommand.js';
import { FlatLineParser, flatLineHooks } from '../flatline.js';
import { decodeEscapedBytes, SIMPLE_ESCAPES } from './escapes.js';
import * as T from './tokens.js';
import {
  BANG, BSL, COLON, CR, DOLLAR, DQ, EQ, HASH, isAlnum, isAlpha, isCommandDelimiter, isDigit, isUpperHex, LBRACE, LBRACK, LF, LPAR,
  RBRACE, RBRACK, RPAR, SEMI, SLASH, SP, TAB, wordEnd,
} from './chars.js';
import type { TokenType } from 'chevrotain';
import type { Tok } from './tokens.js';

export interface SyntaxProblem {
  ruleId: 'syntax/parse-error' | 'syntax/too-deep';
  severity: 'error' | 'warning' | 'info';
  message: string;
  start: number;
  end: number;
}

export interface ScannedStatement {
  tokens: Tok[];
  start: number;
  end: number;
  /** The scanner already reported an error that makes the statement unparseable. */
  failed: boolean;
  /** A string value of a script-carrying property (`source=`, `on-event=`, …) occurs in it. */
  hasScriptString: boolean;
  /**
   * Set when the flat-line fast path (flatline.ts) already parsed the statement; `tokens` is then
   * empty and the driver takes this statement as it is.
   */
  statement?: Statement;
  /** Set instead of `statement` for a plain `verb name=value …` line (valid until the next `next()`). */
  flat?: FlatCommand;
}

/** Deepest bracket/string nesting accepted; deeper input is `syntax/too-deep`. */
export const MAX_DEPTH = 200;

type FrameKind = 'top' | 'block' | 'array' | 'bracket' | 'paren' | 'interpParen' | 'interpBracket' | 'string';

interface Frame {
  kind: FrameKind;
  /** Offset of the opening character. */
  open: number;
  /** At a position where a command may start (`#`, `:` and `/` are special there). */
  cmdStart: boolean;
  /** `#` starts a comment here (command start, or right after `}`). */
  commentOk: boolean;
  /** Inside a `where` clause: expression lexing until the command ends. */
  where: boolean;
  /** First word of the current command, and whether it had a `:` prefix. */
  cmdWord: string | null;
  colon: boolean;
  /** Name of the argument whose value is being scanned (`name=` seen, no whitespace since). */
  valueOf: string | null;
  /** String frame: build the decoded→source offset map (script-carrying property). */
  mapOffsets: boolean;
}

const OPENER_TEXT: Record<FrameKind, string> = {
  top: '', block: '{', array: '{', bracket: '[', paren: '(', interpParen: '$(', interpBracket: '$[', string: '"',
};
const CLOSER_TEXT: Record<FrameKind, string> = {
  top: '', block: '}', array: '}', bracket: ']', paren: ')', interpParen: ')', interpBracket: ']', string: '"',
};

// Character classes (char codes).

const isLowerHexish = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** Ends an unquoted word in command mode. */

/** Characters that are operators in a `where` clause (everything else may be part of a word). */
function isWhereOperatorChar(c: number): boolean {
  return c === 38 /* & */ || c === 124 /* | */ || c === 94 /* ^ */ || c === 126 /* ~ */ || c === BANG ||
    c === EQ || c === 60 /* < */ || c === 62 /* > */;
}

export class Scanner {
  private pos = 0;
  private frames: Frame[] = [];
  private tokens: Tok[] = [];
  private pendingWs = false;
  private failed = false;
  private sawScriptString = false;
  /** Set when a mismatch is blamed on an earlier multi-line bracket: resume scanning here. */
  private cutAt = -1;
  /** Characters scanned twice because of resumptions after unclosed constructs. */
  private rescanned = 0;
  private lineStarts: number[] | null = null;
  private flat: FlatLineParser | null = null;

  constructor(
    private readonly text: string,
    private readonly problems: SyntaxProblem[],
    private readonly comments: Comment[],
    /** Line numbers for messages; embedded scripts pass one that answers in the outer file. */
    private readonly lineResolver?: (offset: number) => number,
  ) {}

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** The next top-level statement, or null at end of input. */
  next(): ScannedStatement | null {
    const text = this.text;
    for (;;) {
      if (!flatLineHooks.disabled) {
        this.skipBlank();
        if (this.pos >= text.length) return null;
        const flat = (this.flat ??= new FlatLineParser(text));
        const statement = flat.statementAt(this.pos);
        if (statement instanceof FlatCommand) {
          this.pos = flat.next;
          return { tokens: NO_TOKENS, start: statement.start, end: statement.end, failed: false, hasScriptString: false, flat: statement };
        }
        if (statement) {
          this.pos = flat.next;
          return parsedStatement(statement, flat.hasScriptString);
        }
      }
      if (this.pos >= text.length) return null;
      const problemMark = this.problems.length;
      const commentMark = this.comments.length;
      const startPos = this.pos;
      this.frames = [this.newFrame('top', startPos)];
      this.tokens = [];
      this.pendingWs = true;
      this.failed = false;
      this.sawScriptString = false;
      this.cutAt = -1;
      const cut = this.scanStatement();
      if (cut !== -1 && this.rescanned + (this.pos - cut) > 2 * text.length + 65536) {
        // Rescan budget spent (pathological input): the rest stays one error statement, so the
        // whole scan stays linear in the input size.
        this.failed = true;
      } else if (cut !== -1) {
        this.rescanned += this.pos - cut;
        // Unclosed construct at end of input: keep the statement up to the end of the line where
        // the outermost construct was opened, and scan again from the next line.
        this.dropAfter(problemMark, commentMark, cut);
        this.tokens = this.tokens.filter((t) => t.startOffset < cut);
        this.pos = cut;
        this.failed = true;
      }
      if (this.tokens.length === 0) {
        if (this.pos === startPos) this.pos++; // cannot happen, but never loop forever
        continue;
      }
      const first = this.tokens[0]!;
      const last = this.tokens[this.tokens.length - 1]!;
      const end = cut === -1 || !this.failed || this.pos !== cut ? last.end : Math.max(last.end, trimEol(text, cut));
      return { tokens: this.tokens, start: first.startOffset, end: Math.max(last.end, end), failed: this.failed, hasScriptString: this.sawScriptString };
    }
  }

  /**
   * Skips what may precede a statement: blanks, line ends, `;` and comments. The general scan
   * does the same from a fresh top frame (none of them changes its state), so starting it after
   * them gives the same tokens; the flat path needs to start at the statement's first character.
   */
  private skipBlank(): void {
    const t = this.text;
    const len = t.length;
    while (this.pos < len) {
      const c = t.charCodeAt(this.pos);
      if (c === SP || c === TAB || c === LF || c === CR || c === SEMI) this.pos++;
      else if (c === HASH) this.comment();
      else break;
    }
  }

  private dropAfter(problemMark: number, commentMark: number, cut: number): void {
    for (let i = this.problems.length - 1; i >= problemMark; i--) {
      if (this.problems[i]!.start >= cut) this.problems.splice(i, 1);
    }
    while (this.comments.length > commentMark && this.comments[this.comments.length - 1]!.start >= cut) this.comments.pop();
  }

  private newFrame(kind: FrameKind, open: number): Frame {
    return { kind, open, cmdStart: true, commentOk: true, where: false, cmdWord: null, colon: false, valueOf: null, mapOffsets: false };
  }

  /** Scans one statement into this.tokens. Returns -1, or the offset to resume at after an unclosed construct. */
  private scanStatement(): number {
    const text = this.text;
    const len = text.length;
    for (;;) {
      const frame = this.frames[this.frames.length - 1]!;
      if (this.pos >= len) {
        if (this.frames.length === 1) return -1;
        return this.reportUnclosed();
      }
      let ended: boolean;
      if (frame.kind === 'string') ended = this.scanString(frame);
      else if (frame.kind === 'paren' || frame.kind === 'interpParen' || frame.where) ended = this.scanExpr(frame);
      else ended = this.scanCommand(frame);
      if (ended) return this.cutAt;
    }
  }

  private reportUnclosed(): number {
    // Report the outermost unclosed construct; anything inside it is found again by the re-scan.
    const inner = this.frames[1]!;
    const outer = inner;
    const line = this.lineOf(inner.open) + 1;
    const message = inner.kind === 'string'
      ? `unterminated string: expected \`"\` to close the string opened at line ${line}`
      : `expected \`${CLOSER_TEXT[inner.kind]}\` to close \`${OPENER_TEXT[inner.kind]}\` opened at line ${line}`;
    this.problem(message, inner.open, inner.open + OPENER_TEXT[inner.kind].length);
    return this.lineEnd(outer.open, true);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private problem(message: string, start: number, end: number, ruleId: SyntaxProblem['ruleId'] = 'syntax/parse-error'): void {
    this.problems.push({ ruleId, severity: 'error', message, start, end });
  }

  /** 0-based line of an offset (in the outer file for embedded scripts). */
  lineOf(offset: number): number {
    if (this.lineResolver) return this.lineResolver(offset);
    if (!this.lineStarts) {
      const t = this.text;
      const starts = [0];
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === LF) starts.push(i + 1);
        else if (c === CR) {
          if (t.charCodeAt(i + 1) === LF) i++;
          starts.push(i + 1);
        }
      }
      this.lineStarts = starts;
    }
    const s = this.lineStarts;
    let lo = 0, hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset just after the line terminator of the line containing `offset` (or its end when !afterEol). */
  private lineEnd(offset: number, afterEol: boolean): number {
    const t = this.text;
    let i = offset;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === LF || c === CR) {
        if (!afterEol) return i;
        if (c === CR && t.charCodeAt(i + 1) === LF) return i + 2;
        return i + 1;
      }
      i++;
    }
    return t.length;
  }

  private emit(type: TokenType, start: number, end: number, image: string): Tok {
    // Only the fields chevrotain reads at parse time (no line/column: computed for diagnostics only).
    // One object shape for every token keeps property access monomorphic.
    const tok = {
      image, startOffset: start, endOffset: end - 1, end, tokenType: type, tokenTypeIdx: type.tokenTypeIdx!, ws: this.pendingWs,
      value: undefined, quoted: undefined, srcStart: undefined, srcEnd: undefined,
    } as unknown as Tok;
    this.tokens.push(tok);
    this.pendingWs = false;
    return tok;
  }

  /** After a token in a command frame: no longer at command start. */
  private touched(frame: Frame): void {
    frame.cmdStart = false;
    frame.commentOk = false;
  }

  private resetCommand(frame: Frame): void {
    frame.cmdStart = true;
    frame.commentOk = true;
    frame.where = false;
    frame.cmdWord = null;
    frame.colon = false;
    frame.valueOf = null;
  }

  private push(kind: FrameKind, open: number): Frame | null {
    if (this.frames.length > MAX_DEPTH) {
      this.problem(`nesting deeper than ${MAX_DEPTH} levels`, open, open + OPENER_TEXT[kind].length, 'syntax/too-deep');
      this.skipTooDeep();
      return null;
    }
    const f = this.newFrame(kind, open);
    this.frames.push(f);
    return f;
  }

  /** Skips the rest of a too-deep statement: counts brackets (strings aware) back to the top level. */
  private skipTooDeep(): void {
    const t = this.text;
    let depth = this.frames.length; // the top frame counts as 1; the rejected opener is at pos
    let i = this.pos;
    let inString = this.frames.some((f) => f.kind === 'string') && this.frames[this.frames.length - 1]!.kind === 'string';
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (inString) {
        if (c === BSL) i++;
        else if (c === DQ) inString = false;
      } else if (c === DQ) inString = true;
      else if (c === LBRACE || c === LBRACK || c === LPAR) depth++;
      else if (c === RBRACE || c === RBRACK || c === RPAR) depth--;
      else if ((c === LF || c === CR || c === SEMI) && depth <= 0) break;
      i++;
    }
    this.pos = i;
    this.failed = true;
    this.frames.length = 1;
    // The caller sees the top frame again and ends the statement at the newline.
  }

  /** Backslash outside a string: a continuation, or an error. */
  private backslash(): void {
    const t = this.text;
    const at = this.pos;
    let i = at + 1;
    let c = t.charCodeAt(i);
    if (c === LF || c === CR || i >= t.length) {
      // `\` at the very end of the file continues onto nothing: harmless.
      this.pos = c === CR && t.charCodeAt(i + 1) === LF ? i + 2 : Math.min(t.length, i + 1);
      this.continuation();
      return;
    }
    while (c === SP || c === TAB) c = t.charCodeAt(++i);
    if (i > at + 1 && (c === LF || c === CR || i >= t.length)) {
      this.problem('`\\` followed by whitespace is not a line continuation: remove the spaces after the `\\`', at, i);
      this.pos = c === CR && t.charCodeAt(i + 1) === LF ? i + 2 : Math.min(t.length, i + 1);
      this.continuation();
      return;
    }
    this.problem('unexpected `\\` outside a string (a `\\` is only allowed at the end of a line, as a continuation)', at, at + 1);
    this.pos = at + 1;
    this.pendingWs = true;
  }

  private continuation(): void {
    // `name=\⏎    value` joins; elsewhere a continuation separates tokens like whitespace.
    const last = this.tokens[this.tokens.length - 1];
    if (!(last && last.tokenType === T.Assign)) this.pendingWs = true;
    const t = this.text;
    while (this.pos < t.length && (t.charCodeAt(this.pos) === SP || t.charCodeAt(this.pos) === TAB)) this.pos++;
  }

  private comment(): void {
    const start = this.pos;
    const end = this.lineEnd(start, false);
    this.comments.push({ kind: 'comment', text: this.text.slice(start + 1, end), start, end });
    this.pos = end;
  }

  private skipNewline(): void {
    const t = this.text;
    if (t.charCodeAt(this.pos) === CR && t.charCodeAt(this.pos + 1) === LF) this.pos += 2;
    else this.pos++;
  }

  /** A closing `}`/`]`/`)`. Returns true when the statement ended (mismatch recovery). */
  private closer(frame: Frame, c: number): boolean {
    const start = this.pos;
    const ch = String.fromCharCode(c);
    if (frame.kind === 'top') {
      this.problem(`unexpected \`${ch}\` with no matching opening bracket`, start, start + 1);
      this.pos++;
      this.pendingWs = true;
      return false;
    }
    if (CLOSER_TEXT[frame.kind] === ch) {
      const type = c === RBRACE ? T.RBrace : c === RBRACK ? T.RBracket : T.RParen;
      this.emit(type, start, start + 1, ch);
      this.pos++;
      this.frames.pop();
      const parent = this.frames[this.frames.length - 1]!;
      if (parent.kind !== 'string') {
        this.touched(parent);
        if (c === RBRACE) parent.commentOk = true;
      }
      return false;
    }
    // A `(` or `[` left open on an earlier line is the likely culprit (they rarely span lines,
    // blocks do): blame it, and scan again from the line after it.
    const here = this.lineOf(start);
    for (let k = 1; k < this.frames.length; k++) {
      const f = this.frames[k]!;
      if ((f.kind === 'bracket' || f.kind === 'paren' || f.kind === 'interpBracket' || f.kind === 'interpParen') && this.lineOf(f.open) < here) {
        this.problem(`expected \`${CLOSER_TEXT[f.kind]}\` to close \`${OPENER_TEXT[f.kind]}\` opened at line ${this.lineOf(f.open) + 1}`, f.open, f.open + OPENER_TEXT[f.kind].length);
        this.cutAt = this.lineEnd(f.open, true);
        this.failed = true;
        this.frames.length = 1;
        return true;
      }
    }
    const line = this.lineOf(frame.open) + 1;
    this.problem(`expected \`${CLOSER_TEXT[frame.kind]}\` to close \`${OPENER_TEXT[frame.kind]}\` opened at line ${line}, found \`${ch}\``, start, start + 1);
    this.failed = true;
    this.pos = this.lineEnd(start, true);
    this.frames.length = 1;
    return true;
  }

  private openString(frame: Frame | null): void {
    const start = this.pos;
    this.emit(T.StringStart, start, start + 1, '"');
    this.pos++;
    const f = this.push('string', start);
    if (f && frame !== null && frame.valueOf !== null && SCRIPT_PROPERTIES.has(frame.valueOf)) {
      f.mapOffsets = true;
      this.sawScriptString = true;
    }
  }

  /** `$name`, `$"name"`, `$1`. Returns false when the `$` is not followed by a name. */
  private variable(): boolean {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start + 1);
    if (c === DQ) {
      let i = start + 2;
      let name = '';
      while (i < t.length) {
        const d = t.charCodeAt(i);
        if (d === DQ) break;
        if (d === BSL && i + 1 < t.length) {
          name += t[i + 1];
          i += 2;
          continue;
        }
        if (d === LF || d === CR) break;
        name += t[i];
        i++;
      }
      if (t.charCodeAt(i) !== DQ) {
        this.problem('unterminated quoted variable name: expected `"`', start, i);
        this.failed = true;
      } else i++;
      const tok = this.emit(T.Variable, start, i, t.slice(start, i));
      tok.value = name;
      tok.quoted = true;
      this.pos = i;
      return true;
    }
    if (!isAlnum(c)) return false;
    let i = start + 1;
    while (i < t.length && isAlnum(t.charCodeAt(i))) i++;
    const tok = this.emit(T.Variable, start, i, t.slice(start, i));
    tok.value = t.slice(start + 1, i);
    tok.quoted = false;
    this.pos = i;
    return true;
  }

  // ---- command mode ---------------------------------------------------------------------------

  /** One step in command mode (top, block, array, bracket frames). Returns true at statement end. */
  private scanCommand(frame: Frame): boolean {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    switch (c) {
      case SP:
      case TAB:
        this.pos++;
        this.pendingWs = true;
        frame.valueOf = null;
        return false;
      case LF:
      case CR:
      case SEMI: {
        const isNewline = c !== SEMI;
        if (frame.kind === 'top') {
          if (isNewline) this.skipNewline();
          else this.pos++;
          if (this.tokens.length > 0) return true;
          this.resetCommand(frame);
          this.pendingWs = true;
          return false;
        }
        if (isNewline && (frame.kind === 'array' || frame.kind === 'bracket' || frame.kind === 'interpBracket')) {
          this.skipNewline();
          this.pendingWs = true;
          frame.valueOf = null;
          return false;
        }
        const start = this.pos;
        if (isNewline) this.skipNewline();
        else this.pos++;
        this.emit(T.Sep, start, this.pos, isNewline ? '\n' : ';');
        this.resetCommand(frame);
        this.pendingWs = true;
        return false;
      }
      case HASH:
        if (frame.commentOk) {
          this.comment();
          return false;
        }
        break;
      case BSL:
        this.backslash();
        return false;
      case LBRACE: {
        const start = this.pos;
        let array: boolean;
        if (frame.kind === 'array') array = true;
        else if (frame.cmdStart) array = false;
        else if (frame.valueOf !== null) array = !(BLOCK_ARGS.has(frame.valueOf) || SCRIPT_PROPERTIES.has(frame.valueOf));
        else array = frame.colon && frame.cmdWord !== null && VALUE_COMMANDS.has(frame.cmdWord);
        this.touched(frame);
        this.emit(array ? T.LCurlyArray : T.LBrace, start, start + 1, '{');
        this.pos++;
        this.push(array ? 'array' : 'block', start);
        return false;
      }
      case LBRACK: {
        const start = this.pos;
        this.touched(frame);
        this.emit(T.LBracket, start, start + 1, '[');
        this.pos++;
        this.push('bracket', start);
        return false;
      }
      case LPAR: {
        const start = this.pos;
        this.touched(frame);
        this.emit(T.LParen, start, start + 1, '(');
        this.pos++;
        this.push('paren', start);
        return false;
      }
      case RBRACE:
      case RBRACK:
      case RPAR:
        return this.closer(frame, c);
      case DQ: {
        this.touched(frame);
        this.openString(frame);
        return false;
      }
      case DOLLAR:
        if (this.variable()) {
          this.touched(frame);
          return false;
        }
        break;
      case COLON:
        if (frame.cmdStart && isAlpha(t.charCodeAt(this.pos + 1))) {
          this.emit(T.Colon, this.pos, this.pos + 1, ':');
          this.pos++;
          frame.colon = true;
          frame.cmdStart = false;
          frame.commentOk = false;
          return false;
        }
        break;
      case SLASH:
        if (frame.cmdStart) {
          this.emit(T.Slash, this.pos, this.pos + 1, '/');
          this.pos++;
          this.touched(frame);
          return false;
        }
        break;
      case BANG: {
        const n = t.charCodeAt(this.pos + 1);
        if (!isCommandDelimiter(n) && n !== EQ && this.pos + 1 < t.length) {
          this.emit(T.Bang, this.pos, this.pos + 1, '!');
          this.pos++;
          this.touched(frame);
          return false;
        }
        break;
      }
    }
    this.commandWord(frame);
    return false;
  }

  private commandWord(frame: Frame): void {
    const t = this.text;
    const start = this.pos;
    const last = this.tokens[this.tokens.length - 1];
    const inValue = frame.valueOf !== null || (last !== undefined && !this.pendingWs && (last.tokenType === T.Assign || last.tokenType === T.Bang));
    const end = wordEnd(t, start, inValue);
    const eqAt = end < 0 ? ~end : -1;
    const i = end;
    this.touched(frame);
    // Array key `"a"=3` is handled in afterString; here a word before `=` is an argument name.
    if (eqAt !== -1) {
      const name = t.slice(start, eqAt);
      this.emit(T.ArgName, start, eqAt, name).value = name;
      this.emit(T.Assign, eqAt, eqAt + 1, '=');
      this.pos = eqAt + 1;
      frame.valueOf = name;
      return;
    }
    const word = t.slice(start, i);
    this.pos = i;
    if (!inValue && word === 'where' && frame.cmdWord !== null && frame.kind !== 'array') {
      this.emit(T.Where, start, i, word);
      frame.where = true;
      return;
    }
    this.emit(T.Word, start, i, word).value = word;
    if (!inValue && frame.cmdWord === null) frame.cmdWord = word;
  }

  // ---- expression mode ------------------------------------------------------------------------

  /** One step in expression mode (parentheses, `$( )`, `where` clauses). */
  private scanExpr(frame: Frame): boolean {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    const whereMode = frame.where;
    switch (c) {
      case SP:
      case TAB:
        this.pos++;
        this.pendingWs = true;
        return false;
      case LF:
      case CR:
      case SEMI:
        if (whereMode) return this.scanCommand(frame);
        if (c === SEMI) {
          this.emit(T.Sep, this.pos, this.pos + 1, ';');
          this.pos++;
          return false;
        }
        this.skipNewline();
        this.pendingWs = true;
        return false;
      case BSL:
        this.backslash();
        return false;
      case LPAR: {
        const start = this.pos;
        this.emit(T.LParen, start, start + 1, '(');
        this.pos++;
        this.push('paren', start);
        return false;
      }
      case LBRACK: {
        const start = this.pos;
        this.emit(T.LBracket, start, start + 1, '[');
        this.pos++;
        this.push('bracket', start);
        return false;
      }
      case LBRACE: {
        const start = this.pos;
        this.emit(T.LCurlyArray, start, start + 1, '{');
        this.pos++;
        this.push('array', start);
        return false;
      }
      case RBRACE:
      case RBRACK:
      case RPAR:
        return this.closer(frame, c);
      case DQ:
        this.openString(null);
        return false;
      case DOLLAR:
        if (this.variable()) return false;
        break;
      case HASH:
        if (whereMode && frame.commentOk) {
          this.comment();
          return false;
        }
        break;
    }
    if (whereMode) {
      if (isWhereOperatorChar(c)) {
        this.operator();
        return false;
      }
      const start = this.pos;
      let i = start;
      while (i < t.length) {
        const d = t.charCodeAt(i);
        if (isCommandDelimiter(d) || isWhereOperatorChar(d) || d === DOLLAR) break;
        i++;
      }
      if (i === start) i++;
      this.exprWord(start, i);
      return false;
    }
    // Expression mode proper.
    const n = t.charCodeAt(this.pos + 1);
    const last = this.tokens[this.tokens.length - 1];
    const prefixPosition = !last || last.tokenType === T.LParen || last.tokenType === T.InterpParen || T.isOperator(last);
    const wordStart = isAlnum(c) || c === 95 || (c === COLON && n === COLON) || (c === 42 /* * */ && isUpperHex(n) && prefixPosition);
    if (!wordStart) {
      this.operator();
      return false;
    }
    const start = this.pos;
    let i = start + 1;
    while (i < t.length) {
      const d = t.charCodeAt(i);
      if (isAlnum(d) || d === 95 || d === 46 || d === COLON || d === SLASH || d === 37) {
        i++;
        continue;
      }
      if (d === 45 /* - */ && t.charCodeAt(i + 1) !== 62 /* > */) {
        i++;
        continue;
      }
      break;
    }
    this.exprWord(start, i);
    return false;
  }

  private exprWord(start: number, end: number): void {
    const word = this.text.slice(start, end);
    const type = word === 'and' ? T.KwAnd : word === 'or' ? T.KwOr : word === 'in' ? T.KwIn : T.Word;
    this.emit(type, start, end, word).value = word;
    this.pos = end;
  }

  private operator(): void {
    const t = this.text;
    const start = this.pos;
    for (const [text, type] of T.OPERATORS) {
      if (t.startsWith(text, start)) {
        this.emit(type, start, start + text.length, text);
        this.pos = start + text.length;
        return;
      }
    }
    // Not an operator: keep it as a one-character word so the parser reports it in context.
    this.emit(T.Word, start, start + 1, t[start]!).value = t[start]!;
    this.pos = start + 1;
  }

  // ---- strings --------------------------------------------------------------------------------

  /** Scans string content up to the next interpolation or the closing quote. */
  private scanString(frame: Frame): boolean {
    const t = this.text;
    const len = t.length;
    const map = frame.mapOffsets;
    const pieces: string[] = [];
    const srcStart: number[] | null = map ? [] : null;
    const srcEnd: number[] | null = map ? [] : null;
    const runStart = this.pos;
    let i = this.pos;
    let plain = i; // start of the not-yet-copied literal run
    let bytes: number[] | null = null;
    let bytesStart = 0;
    let bytesEnd = 0;

    const flushPlain = (upTo: number) => {
      if (upTo > plain) {
        pieces.push(t.slice(plain, upTo));
        if (srcStart) for (let k = plain; k < upTo; k++) { srcStart.push(k); srcEnd!.push(k + 1); }
      }
    };
    const flushBytes = () => {
      if (!bytes) return;
      const s = decodeEscapedBytes(bytes);
      pieces.push(s);
      if (srcStart) for (let k = 0; k < s.length; k++) { srcStart.push(bytesStart); srcEnd!.push(bytesEnd); }
      bytes = null;
    };
    const add = (s: string, from: number, to: number) => {
      pieces.push(s);
      if (srcStart) for (let k = 0; k < s.length; k++) { srcStart.push(from); srcEnd!.push(to); }
    };
    const finishText = () => {
      if (i > runStart) {
        const tok = this.emit(T.StringText, runStart, i, t.slice(runStart, i));
        tok.value = pieces.join('');
        if (srcStart) {
          tok.srcStart = Int32Array.from(srcStart);
          tok.srcEnd = Int32Array.from(srcEnd!);
        }
      }
    };

    while (i < len) {
      const c = t.charCodeAt(i);
      if (c === DQ) {
        flushPlain(i);
        flushBytes();
        finishText();
        this.emit(T.StringEnd, i, i + 1, '"');
        this.pos = i + 1;
        this.frames.pop();
        const parent = this.frames[this.frames.length - 1]!;
        if (parent.kind !== 'string') this.afterString(parent);
        return false;
      }
      if (c === BSL) {
        flushPlain(i);
        const n = t.charCodeAt(i + 1);
        if (isUpperHex(n) && isUpperHex(t.charCodeAt(i + 2))) {
          if (!bytes) { bytes = []; bytesStart = i; }
          bytes.push(parseInt(t.slice(i + 1, i + 3), 16));
          bytesEnd = i + 3;
          i += 3;
          plain = i;
          continue;
        }
        flushBytes();
        if (n === LF || n === CR) {
          // In-string continuation: join, and drop the next line's indentation.
          i += n === CR && t.charCodeAt(i + 2) === LF ? 3 : 2;
          while (i < len && (t.charCodeAt(i) === SP || t.charCodeAt(i) === TAB)) i++;
          plain = i;
          continue;
        }
        const simple = SIMPLE_ESCAPES[n];
        if (simple !== undefined) {
          add(simple, i, i + 2);
          i += 2;
          plain = i;
          continue;
        }
        if (i + 1 >= len) {
          i++;
          plain = i;
          continue;
        }
        if (isLowerHexish(n) && isLowerHexish(t.charCodeAt(i + 2))) {
          const esc = t.slice(i, i + 3);
          this.problem(`invalid escape \`${esc}\`: hex escapes need two upper-case hex digits (\`${esc.toUpperCase()}\`)`, i, i + 3);
          add(esc, i, i + 3);
          i += 3;
          plain = i;
          continue;
        }
        const esc = t.slice(i, i + 2);
        this.problem(`unknown escape \`${esc}\` in string (valid: \\" \\\\ \\n \\r \\t \\$ \\? \\_ \\a \\b \\f \\v \\XX)`, i, i + 2);
        add(t[i + 1]!, i, i + 2);
        i += 2;
        plain = i;
        continue;
      }
      if (c === DOLLAR) {
        const n = t.charCodeAt(i + 1);
        if (n === LPAR || n === LBRACK || isAlnum(n)) {
          flushPlain(i);
          flushBytes();
          finishText();
          this.pos = i;
          if (n === LPAR || n === LBRACK) {
            const interp = n === LPAR;
            this.emit(interp ? T.InterpParen : T.InterpBracket, i, i + 2, interp ? '$(' : '$[');
            this.pos = i + 2;
            this.push(interp ? 'interpParen' : 'interpBracket', i);
          } else {
            this.variable();
          }
          return false;
        }
      }
      if (bytes) flushBytes();
      i++;
    }
    // End of input inside the string: report from scanStatement.
    flushPlain(i);
    flushBytes();
    finishText();
    this.pos = i;
    return false;
  }

  /** After a closing quote: `"a"=3` is a key in an array literal. */
  private afterString(parent: Frame): void {
    this.touched(parent);
    if (parent.kind === 'array' && this.text.charCodeAt(this.pos) === EQ) {
      this.emit(T.Assign, this.pos, this.pos + 1, '=');
      this.pos++;
    }
  }
}

/** A flat line's statements carry no tokens: the driver takes `statement` as it is. */
const NO_TOKENS: Tok[] = Object.freeze([]) as unknown as Tok[];

function parsedStatement(statement: Statement, hasScriptString: boolean): ScannedStatement {
  return { tokens: NO_TOKENS, start: statement.start, end: statement.end, failed: false, hasScriptString, statement };
}

function trimEol(text: string, cut: number): number {
  let e = cut;
  while (e > 0 && (text.charCodeAt(e - 1) === LF || text.charCodeAt(e - 1) === CR)) e--;
  return e;
}
