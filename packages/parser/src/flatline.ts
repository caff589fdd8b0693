/**
 * Char-level fast path: a flat command line goes straight from the text to the AST, no tokens.
 *
 * Exports are hundreds of thousands of lines like `add comment="a b" list=LAN name=x` or
 * `set [ find default-name=ether1 ] l2mtu=1592`. Tokenising them costs an object per token plus the
 * scanner's frames and closures, and the token fast path (fastpath.ts) then walks the tokens again.
 * This reads the same subset as fastpath.ts — words, `name=value`, `name=!value`, `!name`, plain
 * strings, `[ command ]` without nesting, `\` continuations — applying the scanner's own lexical
 * rules, and gives up (null) at the first thing outside it: the caller then scans the statement
 * again the general way. Giving up is always safe; accepting must build exactly what the scanner +
 * fast path / grammar build, which a property test checks (flatline.test.ts).
 *
 * Lexing is a pull lexer over one "current token" held in fields (no token objects); ArgName + `=`
 * and a whole plain string are one token each, since the fast path never looks inside them.
 *
 * The string value of a script-carrying property (`source=`, `on-event=`, …) also gets the scanner's
 * decoded→source offset maps (OFFSET_MAPS), so the embedded script's spans land in this file:
 * `/system script` and scheduler lines are long, and scanning them the general way cost more than
 * the rest of a router's export.
 */
import type { Arg, Expr, Identifier, NamedArg, Statement, StringExpr, StringPart } from './ast.js';
import { SCRIPT_PROPERTIES, SPACED_VALUE_ARGS } from './commands.js';
import { FlatCommand } from './flatcommand.js';
import { buildCommand, isLeadingVerb, OFFSET_MAPS, verbCommand } from './grammar.js';
import { decodeEscapedBytes, SIMPLE_ESCAPES } from './lexer/escapes.js';
import type { Tok } from './lexer/tokens.js';
import {
  BANG as BANGC, BSL, COLON, CR, DOLLAR, DQ, EQ, HASH, isAlnum, isAlpha, isCommandDelimiter as isDelimiter, isUpperHex, LBRACE,
  LBRACK as LBRACKC, LF, LPAR, RBRACE, RBRACK as RBRACKC, RPAR, SEMI, SLASH as SLASHC, SP, TAB, wordEnd,
} from './lexer/chars.js';

/** Test hook: scan every statement the general way (the reference the flat path must match). */
export const flatLineHooks = { disabled: false };

// Token kinds of the pull lexer.
const END = 0, WORD = 1, NAMED = 2, BANG = 3, STRING = 4, LBRACK = 5, RBRACK = 6, SLASH = 7, FAIL = 8;
// Kind of the last token, as far as the scanner's word rules care (`=`, `!` before a glued word).
const LAST_OTHER = 0, LAST_ASSIGN = 1, LAST_BANG = 2;


/** Characters that end an unquoted word in command mode (scanner.ts isCommandDelimiter). */

// Argument names repeat millions of times in a large export (`address`, `list`, `comment`); keep
// one copy per name (bounded: odd files cannot grow it).
const NAMES = new Map<string, string>();
export function intern(name: string): string {
  const known = NAMES.get(name);
  if (known !== undefined) return known;
  if (NAMES.size < 4096 && name.length <= 64) NAMES.set(name, name);
  return name;
}

/**
 * The last name interned per (length, first and last character): an export repeats a handful of
 * names, and comparing the text in place is cheaper than slicing it and hashing the slice.
 */
const RECENT_NAMES: (string | undefined)[] = new Array(256).fill(undefined);

/** `intern(t.slice(start, end))`, without the slice when the name was seen recently. */
function internAt(t: string, start: number, end: number): string {
  const len = end - start;
  const key = (len * 31 + t.charCodeAt(start) * 7 + t.charCodeAt(end - 1)) & 255;
  const recent = RECENT_NAMES[key];
  if (recent !== undefined && recent.length === len && t.startsWith(recent, start)) return recent;
  const name = intern(t.slice(start, end));
  RECENT_NAMES[key] = name;
  return name;
}

/** The slash of an absolute path, shaped as the token `buildCommand` reads (startOffset, end). */
function slashToken(at: number): Tok {
  return { startOffset: at, end: at + 1 } as Tok;
}

export class FlatLineParser {
  private pos = 0;
  private pendingWs = false;
  private last = LAST_OTHER;
  private tokens = 0;
  // Scanner frame state of the command being read (the top level, or inside `[ … ]`).
  private inBracket = false;
  private cmdStart = true;
  private commentOk = true;
  private hasCmdWord = false;
  private valueOf: string | null = null;
  // Saved top-level frame state while inside `[ … ]`.
  private outerHasCmdWord = false;
  private outerValueOf: string | null = null;
  // The current token.
  private kind = END;
  private start = 0;
  private end = 0;
  private ws = false;
  /** WORD: the text; NAMED: the name; STRING: the decoded value. */
  private text = '';
  /** NAMED: end of the `=`. STRING: end of the text part (start of the closing quote). */
  private end2 = 0;
  /** STRING of a script-carrying property: source offsets of each decoded character, else null. */
  private srcStart: Int32Array | null = null;
  private srcEnd: Int32Array | null = null;
  private sawScriptString = false;
  /** The one FlatCommand of this file, refilled for each plain `verb name=value …` line. */
  private readonly flatCommand = new FlatCommand();
  /** After a statement was parsed: the offset just after its terminator (newline or `;`), where scanning resumes. */
  next = 0;
  /** After a statement was parsed: a string value of a script-carrying property occurs in it (ScannedStatement.hasScriptString). */
  hasScriptString = false;

  constructor(private readonly src: string) {}

  /**
   * Parses the statement starting at `start` (a non-blank, non-comment character), or null; on
   * success `next` and `hasScriptString` describe it (fields, not a result object per line). A
   * plain `verb name=value …` line comes back as this parser's FlatCommand, valid until the next call.
   */
  statementAt(start: number): Statement | FlatCommand | null {
    this.pos = start;
    this.pendingWs = true;
    this.last = LAST_OTHER;
    this.tokens = 0;
    this.inBracket = false;
    this.cmdStart = true;
    this.commentOk = true;
    this.hasCmdWord = false;
    this.valueOf = null;
    this.kind = END;
    this.sawScriptString = false;
    this.advance();
    const statement = this.commandLine();
    if (statement === null || this.kind !== END) return null;
    this.next = this.pos;
    this.hasScriptString = this.sawScriptString;
    return statement;
  }

  // ---- parser (the shapes of fastpath.ts fastCommand / fastValue) -------------------------------

  /** One command line up to END (top level) or `]` (inside brackets); null = not flat. */
  private commandLine(): Statement | FlatCommand | null {
    let slash: Tok | undefined;
    if (this.kind === SLASH) {
      slash = slashToken(this.start);
      this.advance();
    }
    // The usual line starts with its verb (`add …`): its identifier is built directly instead of a
    // positional word that buildCommand would turn into one (and slice off the argument list).
    // At the top level its `name=value` arguments go into `flat` (no AST) for as long as they
    // are all plain (see flatcommand.ts); `items` is null until then.
    let verb: Identifier | null = null;
    let flat: FlatCommand | null = null;
    if (!slash && this.kind === WORD && isLeadingVerb(this.text)) {
      if (this.inBracket) verb = { kind: 'identifier', name: this.text, start: this.start, end: this.end };
      else flat = this.flatCommand.begin(this.text, this.start, this.end);
      this.advance();
      if (this.gluedOrFailed()) return null;
    }
    let items: Arg[] | null = flat === null ? [] : null;
    for (;;) {
      const kind = this.kind;
      if (kind === END || kind === RBRACK) break;
      if (kind === NAMED) {
        const name = this.text;
        const nameStart = this.start;
        const nameEnd = this.end;
        const eqEnd = this.end2;
        this.advance();
        if (items === null) {
          const vk = this.kind;
          if ((vk === WORD || (vk === STRING && this.srcStart === null)) && (!this.ws || SPACED_VALUE_ARGS.has(name))) {
            flat!.push(name, nameStart, nameEnd, this.text, this.start, this.end, vk === STRING);
            this.advance();
            if (this.gluedOrFailed()) return null;
            continue;
          }
          items = flat!.args();
        }
        let bangEnd = -1;
        if (this.kind === BANG) {
          bangEnd = this.end;
          this.advance();
        }
        let value: Expr | null = null;
        if ((!this.ws || SPACED_VALUE_ARGS.has(name)) && isValueStart(this.kind)) {
          value = this.value();
          if (value === null) return null;
        }
        const arg: NamedArg = {
          kind: 'named', name, nameSpan: { start: nameStart, end: nameEnd }, negated: bangEnd !== -1, value,
          start: nameStart, end: value ? value.end : bangEnd !== -1 ? bangEnd : eqEnd,
        };
        items.push(arg);
        continue;
      }
      items ??= flat!.args();
      if (kind === BANG) {
        const bangStart = this.start;
        this.advance();
        if (this.kind !== WORD) return null;
        items.push({ kind: 'unset', name: this.text, start: bangStart, end: this.end });
        this.advance();
      } else if (isValueStart(kind)) {
        const value = this.value();
        if (value === null) return null;
        items.push({ kind: 'positional', value, start: value.start, end: value.end });
      } else {
        return null;
      }
    }
    if (this.kind === FAIL) return null;
    if (flat !== null) return items === null ? flat : verbCommand({ kind: 'identifier', name: flat.verb, start: flat.verbStart, end: flat.verbEnd }, items);
    if (verb !== null) return verbCommand(verb, items!);
    if (!slash && items!.length === 0) return null;
    return buildCommand(undefined, slash, undefined, items!);
  }

  /** One value; null when something is glued to it (a concatenation is the grammar's job). */
  private value(): Expr | null {
    let expr: Expr;
    const kind = this.kind;
    if (kind === WORD) {
      expr = { kind: 'word', text: this.text, start: this.start, end: this.end };
      this.advance();
    } else if (kind === STRING) {
      // An array literal has exactly its length; `[]` + push keeps a 16-slot backing store, per string.
      const parts: StringPart[] = this.end2 > this.start + 1 ? [{ kind: 'text', value: this.text, start: this.start + 1, end: this.end2 }] : [];
      if (this.srcStart !== null && parts.length) OFFSET_MAPS.set(parts[0]!, { srcStart: this.srcStart, srcEnd: this.srcEnd! });
      const str: StringExpr = { kind: 'string', value: this.text, parts, start: this.start, end: this.end };
      expr = str;
      this.advance();
    } else {
      // `[ … ]`: no nesting (the lexer refuses a second `[`).
      const open = this.start;
      this.advance();
      let command = null;
      if (this.kind !== RBRACK) {
        // Inside brackets: never a FlatCommand.
        const cmd = this.commandLine() as Statement | null;
        if (cmd === null || cmd.kind !== 'command' || this.kind !== RBRACK) return null;
        command = cmd;
      }
      expr = { kind: 'substitution', command, start: open, end: this.end };
      this.advance();
    }
    return this.gluedOrFailed() ? null : expr;
  }

  /** After a value: something glued to it (a concatenation is the grammar's job) or a lexer failure. */
  private gluedOrFailed(): boolean {
    const next = this.kind;
    return (!this.ws && (next === WORD || next === STRING || next === LBRACK)) || next === FAIL;
  }

  // ---- lexer (the rules of scanner.ts scanCommand / commandWord / scanString) --------------------

  private emit(kind: number, start: number, end: number): void {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.ws = this.pendingWs;
    this.pendingWs = false;
    this.last = kind === NAMED ? LAST_ASSIGN : kind === BANG ? LAST_BANG : LAST_OTHER;
    this.tokens++;
  }

  private touched(): void {
    this.cmdStart = false;
    this.commentOk = false;
  }

  /** Reads the next token into the fields; FAIL for anything the flat path does not handle. */
  private advance(): void {
    if (this.kind === FAIL) return;
    const t = this.src;
    const len = t.length;
    for (;;) {
      if (this.pos >= len) {
        this.kind = this.inBracket || this.tokens === 0 ? FAIL : END;
        return;
      }
      const c = t.charCodeAt(this.pos);
      switch (c) {
        case SP:
        case TAB:
          this.pos++;
          this.pendingWs = true;
          this.valueOf = null;
          continue;
        case LF:
        case CR:
          if (this.inBracket) {
            // Inside `[ … ]` a newline is whitespace.
            this.pos += c === CR && t.charCodeAt(this.pos + 1) === LF ? 2 : 1;
            this.pendingWs = true;
            this.valueOf = null;
            continue;
          }
          if (this.tokens === 0) break; // leading blank line: the general scanner's business
          this.pos += c === CR && t.charCodeAt(this.pos + 1) === LF ? 2 : 1;
          this.kind = END;
          return;
        case SEMI:
          if (this.inBracket || this.tokens === 0) break;
          this.pos++;
          this.kind = END;
          return;
        case BSL: {
          // Only a clean continuation (`\` right before the line end); anything else is an error.
          const n = t.charCodeAt(this.pos + 1);
          if (!(n === LF || n === CR || this.pos + 1 >= len)) break;
          this.pos = n === CR && t.charCodeAt(this.pos + 2) === LF ? this.pos + 3 : Math.min(len, this.pos + 2);
          // `name=\⏎    value` joins; elsewhere a continuation separates tokens like whitespace.
          if (this.last !== LAST_ASSIGN || this.tokens === 0) this.pendingWs = true;
          while (this.pos < len && (t.charCodeAt(this.pos) === SP || t.charCodeAt(this.pos) === TAB)) this.pos++;
          continue;
        }
        case LBRACKC:
          if (this.inBracket) break;
          this.touched();
          this.emit(LBRACK, this.pos, this.pos + 1);
          this.pos++;
          this.outerHasCmdWord = this.hasCmdWord;
          this.outerValueOf = this.valueOf;
          this.inBracket = true;
          this.cmdStart = true;
          this.commentOk = true;
          this.hasCmdWord = false;
          this.valueOf = null;
          return;
        case RBRACKC:
          if (!this.inBracket) break;
          this.emit(RBRACK, this.pos, this.pos + 1);
          this.pos++;
          this.inBracket = false;
          this.hasCmdWord = this.outerHasCmdWord;
          this.valueOf = this.outerValueOf;
          this.touched();
          return;
        case DQ:
          this.touched();
          this.string(this.valueOf !== null && SCRIPT_PROPERTIES.has(this.valueOf));
          return;
        case DOLLAR: {
          const n = t.charCodeAt(this.pos + 1);
          if (n === DQ || isAlnum(n)) break; // a variable
          this.word();
          return;
        }
        case HASH:
          if (this.commentOk) break;
          this.word();
          return;
        case COLON:
          if (this.cmdStart && isAlpha(t.charCodeAt(this.pos + 1))) break;
          this.word();
          return;
        case SLASHC:
          if (!this.cmdStart) {
            this.word();
            return;
          }
          if (this.inBracket) break;
          this.emit(SLASH, this.pos, this.pos + 1);
          this.pos++;
          this.touched();
          return;
        case BANGC: {
          const n = t.charCodeAt(this.pos + 1);
          if (!isDelimiter(n) && n !== EQ && this.pos + 1 < len) {
            this.emit(BANG, this.pos, this.pos + 1);
            this.pos++;
            this.touched();
            return;
          }
          this.word();
          return;
        }
        case LBRACE:
        case RBRACE:
        case LPAR:
        case RPAR:
          break;
        default:
          this.word();
          return;
      }
      this.kind = FAIL;
      return;
    }
  }

  /** An unquoted word or `name=` (scanner.ts commandWord). */
  private word(): void {
    const t = this.src;
    const start = this.pos;
    const inValue = this.valueOf !== null || (!this.pendingWs && (this.last === LAST_ASSIGN || this.last === LAST_BANG) && this.tokens > 0);
    const end = wordEnd(t, start, inValue);
    const eqAt = end < 0 ? ~end : -1;
    const i = end;
    this.touched();
    if (eqAt !== -1) {
      const name = internAt(t, start, eqAt);
      this.emit(NAMED, start, eqAt);
      this.text = name;
      this.end2 = eqAt + 1;
      this.pos = eqAt + 1;
      this.valueOf = name;
      return;
    }
    // The first word of a command is its path or verb (`add`, `set`, `ip`): a few words repeated
    // on every line, so shared rather than sliced each time.
    const word = inValue || this.hasCmdWord ? t.slice(start, i) : internAt(t, start, i);
    this.pos = i;
    if (!inValue && word === 'where' && this.hasCmdWord) {
      this.kind = FAIL;
      return;
    }
    this.emit(WORD, start, i);
    this.text = word;
    if (!inValue) this.hasCmdWord = true;
  }

  /**
   * A string without interpolation and without escape errors (scanner.ts scanString). `mapped`:
   * also record, per decoded character, the source range it came from (scanString's mapOffsets).
   */
  private string(mapped: boolean): void {
    const t = this.src;
    const len = t.length;
    const open = this.pos;
    const runStart = open + 1;
    let i = runStart;
    let value = '';
    let plain = i; // start of the not-yet-copied literal run
    let bytes: number[] | null = null;
    let bytesStart = 0;
    if (mapped) this.startMaps(runStart);
    for (;;) {
      if (i >= len) {
        this.kind = FAIL; // unterminated: the scanner reports it
        return;
      }
      const c = t.charCodeAt(i);
      if (c === DQ) break;
      if (c === BSL) {
        if (i > plain) {
          value += t.slice(plain, i);
          if (mapped) this.mapEach(plain, i);
        }
        const n = t.charCodeAt(i + 1);
        if (isUpperHex(n) && isUpperHex(t.charCodeAt(i + 2))) {
          if (bytes === null) {
            bytes = [];
            bytesStart = i;
          }
          bytes.push(parseInt(t.slice(i + 1, i + 3), 16));
          i += 3;
          plain = i;
          continue;
        }
        if (bytes !== null) {
          value += this.decodeBytes(bytes, mapped, bytesStart, i);
          bytes = null;
        }
        if (n === LF || n === CR) {
          // In-string continuation: join, and drop the next line's indentation.
          i += n === CR && t.charCodeAt(i + 2) === LF ? 3 : 2;
          while (i < len && (t.charCodeAt(i) === SP || t.charCodeAt(i) === TAB)) i++;
          plain = i;
          continue;
        }
        const simple = SIMPLE_ESCAPES[n];
        if (simple === undefined) {
          this.kind = FAIL; // an invalid escape or `\` at the end of input: the scanner reports it
          return;
        }
        value += simple;
        if (mapped) this.mapAll(1, i, i + 2);
        i += 2;
        plain = i;
        continue;
      }
      if (c === DOLLAR) {
        const n = t.charCodeAt(i + 1);
        if (n === LPAR || n === LBRACKC || isAlnum(n)) {
          this.kind = FAIL; // interpolation
          return;
        }
      }
      if (bytes !== null) {
        value += this.decodeBytes(bytes, mapped, bytesStart, i);
        bytes = null;
      }
      i++;
    }
    if (plain === runStart && bytes === null) value = t.slice(runStart, i);
    else {
      if (i > plain) value += t.slice(plain, i);
      if (bytes !== null) value += this.decodeBytes(bytes, mapped, bytesStart, i);
    }
    if (mapped) {
      this.mapEach(plain, i);
      this.endMaps();
    } else {
      this.srcStart = null;
      this.srcEnd = null;
    }
    this.emit(STRING, open, i + 1);
    this.text = value;
    this.end2 = i;
    this.pos = i + 1;
  }

  private decodeBytes(bytes: number[], mapped: boolean, from: number, to: number): string {
    const decoded = decodeEscapedBytes(bytes);
    if (mapped) this.mapAll(decoded.length, from, to);
    return decoded;
  }

  // ---- offset maps of a script-carrying string (filled in step with string()) ------------------

  private mapped = 0; // decoded characters mapped so far

  /** Room for the raw text up to the closing quote: the decoded text is never longer. */
  private startMaps(from: number): void {
    const t = this.src;
    let close = from;
    while (close < t.length) {
      const c = t.charCodeAt(close);
      if (c === DQ) break;
      close += c === BSL ? 2 : 1; // every `\` takes the character after it
    }
    this.srcStart = new Int32Array(close - from);
    this.srcEnd = new Int32Array(close - from);
    this.mapped = 0;
  }

  /** Characters [from, to) copied as they are. */
  private mapEach(from: number, to: number): void {
    const s = this.srcStart!, e = this.srcEnd!;
    let k = this.mapped;
    for (let p = from; p < to; p++, k++) {
      s[k] = p;
      e[k] = p + 1;
    }
    this.mapped = k;
  }

  /** `count` decoded characters that all come from the escape(s) at [from, to). */
  private mapAll(count: number, from: number, to: number): void {
    const s = this.srcStart!, e = this.srcEnd!;
    const end = this.mapped + count;
    for (let k = this.mapped; k < end; k++) {
      s[k] = from;
      e[k] = to;
    }
    this.mapped = end;
  }

  /** Exactly one entry per decoded character, like the scanner's maps (embed checks the length). */
  private endMaps(): void {
    const k = this.mapped;
    if (k < this.srcStart!.length) {
      this.srcStart = this.srcStart!.slice(0, k);
      this.srcEnd = this.srcEnd!.slice(0, k);
    }
    this.sawScriptString = true;
  }
}

function isValueStart(kind: number): boolean {
  return kind === WORD || kind === STRING || kind === LBRACK;
}
