/**
 * The command log's records, kept compact: a 20 MB export logs ~400,000 commands, and an object
 * (plus a span object or two) per argument made the log as big as the rest of the model (~200 MB)
 * and a large share of the garbage collector's work. A record shares its list of argument names
 * with every record naming the same arguments, and keeps its arguments' static texts and offsets
 * in the arena's shared chunks; `args` and `argValues` are built on each access.
 */
import type { Arg, FlatCommand, Span } from '@roslint/parser';
import type { CommandRecord, LoggedArg, PropertyValue } from './types.js';
import type { ResolvedMenu } from './menu-path.js';
import { exprText } from './values.js';

/**
 * Slots per argument: name start/end, value start/end (-1 when absent), argument start/end, and
 * flags (below) that let `propertyValue` rebuild a named argument's value without its AST.
 */
const PER_ARG = 7;

/** `name=!value`. */
const NEGATED = 1;
/** `name=` with nothing after the `=`. */
const NO_VALUE = 2;
/** A code block or array value: not dynamic, but its text is its source text. */
const SOURCE_TEXT = 4;
/**
 * The static text is the value's source text (its slot's text is null): an address or a comment
 * that does not repeat is read from the file again rather than kept as one more string per line.
 */
const VERBATIM = 8;
/** With VERBATIM: the value is a string; its text is inside the quotes. */
const QUOTED = 16;

/** Longest argument-name list the records share (see `LogArena.namesOf`). */
const MAX_SHARED_NAMES = 32;

/** An argument's entry in `argNames`: its name, `!name` for an unset, null for a positional word. */
function argKey(a: Arg): string | null {
  return a.kind === 'named' ? a.name : a.kind === 'unset' ? '!' + a.name : null;
}

/** A node of the argument-names trie: exports repeat a few name lists hundreds of thousands of times. */
interface NamesNode {
  next: Map<string | null, NamesNode>;
  names: readonly (string | null)[];
}

/** The trie node below `node` for one more name. */
function childOf(node: NamesNode, key: string | null): NamesNode {
  let child = node.next.get(key);
  if (child === undefined) {
    child = { next: new Map(), names: Object.freeze([...node.names, key]) };
    node.next.set(key, child);
  }
  return child;
}

/** Values longer than this are not worth sharing (comments, scripts, keys). */
const MAX_SHARED_VALUE = 32;
/** Recent distinct values remembered per argument name. */
const RECENT = 8;
/** After this many misses, a name whose values mostly do not repeat stops being looked at. */
const GIVE_UP_AFTER = 256;

interface RecentValues {
  values: string[];
  next: number;
  hits: number;
  misses: number;
}

/**
 * One copy of each value an argument name keeps repeating. A 20 MB export says `add` 400,000 times
 * and `list=blocklist` tens of thousands of times, each a fresh string from the parser. Each name
 * remembers its last few distinct values (a comparison with each is cheaper than hashing a fresh
 * string); a name whose values mostly do not repeat (`address`, `public-key`) is soon left alone.
 */
class ValuePool {
  private readonly recent = new Map<string, RecentValues | null>();

  share(name: string, value: string): string {
    return this.sharedCopy(name, value) ?? value;
  }

  /** The copy of `value` already shared, or undefined (then `value` may be shared from now on). */
  sharedCopy(name: string, value: string): string | undefined {
    if (value.length > MAX_SHARED_VALUE) return undefined;
    let r = this.recent.get(name);
    if (r === null) return undefined;
    if (r === undefined) this.recent.set(name, (r = { values: [], next: 0, hits: 0, misses: 0 }));
    const values = r.values;
    for (let i = 0; i < values.length; i++) {
      if (values[i] === value) {
        r.hits++;
        return values[i]!;
      }
    }
    if (++r.misses > GIVE_UP_AFTER && r.misses > r.hits) this.recent.set(name, null);
    else if (values.length < RECENT) values.push(value);
    else {
      values[r.next] = value;
      r.next = (r.next + 1) % RECENT;
    }
    return undefined;
  }
}

/**
 * Argument slots per chunk (see `LogArena.reserve`): small at first (a network lints thousands
 * of small files, each with its own arena), doubling up to the largest.
 */
const FIRST_SLOTS = 64;
const MAX_SLOTS = 1 << 14;

/**
 * One chunk of the arena: per slot, `PER_ARG` offsets and a text (index-aligned). A record's first
 * slot is its header (below), then one slot per argument.
 */
export interface LogChunk {
  readonly offsets: Int32Array;
  /** Per slot: a header's verb (null: none); an argument's static text (undefined: none; null: VERBATIM). */
  readonly texts: (string | null | undefined)[];
  /** The file's text (values known only by their source: code blocks, dynamic values). */
  readonly source: string;
}

// A record's header slot: the statement's and the command word's offsets, and its flags. Its text
// is the verb. Kept here rather than in fields: a record is then 4 fields (a 20 MB export has
// 400,000 of them, each copied by the garbage collector while young).
const H_START = 0, H_END = 1, H_CMD_START = 2, H_CMD_END = 3, H_FLAGS = 4;
/** Header flag: the command ran under control flow. */
const UNCERTAIN = 1;

/**
 * Append-only storage of the records' headers and arguments, in chunks so that growing never
 * copies (see `LogChunk`), so a record holds no array of its own. Also the pools of argument-name
 * lists and repeated values the records share.
 */
export class LogArena {
  private chunk: LogChunk;
  private used = 0;
  private readonly namesRoot: NamesNode = { next: new Map(), names: [] };
  readonly values = new ValuePool();

  constructor(private readonly source: string) {
    this.chunk = { offsets: new Int32Array(FIRST_SLOTS * PER_ARG), texts: [], source };
  }

  /**
   * The shared (frozen) list of argument names for `args`, as `LoggedCommand.argNames` holds it.
   * Only short lists are shared: the trie holds a list per prefix, so a command with thousands of
   * arguments (a pathological line) would cost memory quadratic in their number.
   */
  namesOf(args: readonly Arg[]): readonly (string | null)[] {
    if (args.length > MAX_SHARED_NAMES) return Object.freeze(args.map(argKey));
    let node = this.namesRoot;
    for (let i = 0; i < args.length; i++) node = childOf(node, argKey(args[i]!));
    return node.names;
  }

  /** `namesOf` for the arguments of a flat command (all named). */
  namesOfFlat(cmd: FlatCommand): readonly (string | null)[] {
    if (cmd.count > MAX_SHARED_NAMES) return Object.freeze(cmd.names.slice(0, cmd.count));
    let node = this.namesRoot;
    for (let i = 0; i < cmd.count; i++) node = childOf(node, cmd.names[i]!);
    return node.names;
  }

  /**
   * Reserves a record's header slot and `n` argument slots, and fills the header (the command
   * word's offsets are -1 without one; its text, the verb, is pushed here; the caller pushes one
   * text per argument, in order). Returns the header's slot.
   */
  header(n: number, start: number, end: number, cmdStart: number, cmdEnd: number, uncertain: boolean, command: string | null): number {
    const slot = this.reserve(n + 1);
    const { offsets, texts } = this.chunk;
    const h = slot * PER_ARG;
    offsets[h + H_START] = start;
    offsets[h + H_END] = end;
    offsets[h + H_CMD_START] = cmdStart;
    offsets[h + H_CMD_END] = cmdEnd;
    offsets[h + H_FLAGS] = uncertain ? UNCERTAIN : 0;
    texts.push(command === null ? null : this.values.share('\0verb', command));
    return slot;
  }

  /** Room for `n` slots: returns the first; `current` is the chunk that holds them. */
  private reserve(n: number): number {
    const capacity = this.chunk.offsets.length / PER_ARG;
    if (this.used + n > capacity) {
      const slots = Math.min(MAX_SLOTS, capacity * 2);
      this.chunk = { offsets: new Int32Array(Math.max(slots, n) * PER_ARG), texts: [], source: this.source };
      this.used = 0;
    }
    const slot = this.used;
    this.used += n;
    return slot;
  }

  get current(): LogChunk {
    return this.chunk;
  }
}

/**
 * Writes argument `a`'s offsets at `o` (`PER_ARG` of them) and pushes its static text (shared
 * through `values` when it repeats).
 */
export function logArg(offsets: Int32Array, texts: (string | null | undefined)[], o: number, a: Arg, values: { share(name: string, value: string): string }): void {
  offsets[o + 4] = a.start;
  offsets[o + 5] = a.end;
  if (a.kind === 'named') {
    const v = a.value;
    const text = exprText(v);
    texts.push(text === undefined ? undefined : values.share(a.name, text));
    offsets[o] = a.nameSpan.start;
    offsets[o + 1] = a.nameSpan.end;
    offsets[o + 2] = v ? v.start : -1;
    offsets[o + 3] = v ? v.end : -1;
    offsets[o + 6] = (a.negated ? NEGATED : 0) | (v === null ? NO_VALUE : v.kind === 'block' || v.kind === 'array' ? SOURCE_TEXT : 0);
  } else if (a.kind === 'unset') {
    texts.push(undefined);
    offsets[o] = offsets[o + 1] = offsets[o + 2] = offsets[o + 3] = -1;
    offsets[o + 6] = 0;
  } else {
    texts.push(exprText(a.value));
    offsets[o] = offsets[o + 1] = -1;
    offsets[o + 2] = a.value.start;
    offsets[o + 3] = a.value.end;
    offsets[o + 6] = 0;
  }
}

export class LoggedCommand implements CommandRecord {
  private constructor(
    /** Shared by every command of the menu (three fields of the record, one pointer here). */
    private readonly resolved: ResolvedMenu,
    readonly argNames: readonly (string | null)[],
    private readonly chunk: LogChunk,
    /** The header's slot in the chunk; argument `i` is slot `slot + 1 + i`. */
    private readonly slot: number,
  ) {}

  /** Logs a command from its AST. */
  static of(
    resolved: ResolvedMenu,
    command: string | null,
    commandSpan: Span | undefined,
    args: readonly Arg[],
    start: number,
    end: number,
    uncertain: boolean,
    arena: LogArena,
  ): LoggedCommand {
    const n = args.length;
    const argNames = arena.namesOf(args);
    const slot = arena.header(n, start, end, commandSpan ? commandSpan.start : -1, commandSpan ? commandSpan.end : -1, uncertain, command);
    const chunk = arena.current;
    const { offsets, texts } = chunk;
    for (let i = 0; i < n; i++) logArg(offsets, texts, (slot + 1 + i) * PER_ARG, args[i]!, arena.values);
    return new LoggedCommand(resolved, argNames, chunk, slot);
  }

  /**
   * Logs a flat `verb name=value …` line (no AST): what `of` logs for its statement, whose
   * arguments are all named, not negated, with a word or plain string value.
   */
  static ofFlat(resolved: ResolvedMenu, cmd: FlatCommand, argNames: readonly (string | null)[], uncertain: boolean, arena: LogArena): LoggedCommand {
    const n = cmd.count;
    const slot = arena.header(n, cmd.start, cmd.end, cmd.verbStart, cmd.verbEnd, uncertain, cmd.verb);
    const chunk = arena.current;
    const { offsets, texts } = chunk;
    for (let i = 0; i < n; i++) {
      const o = (slot + 1 + i) * PER_ARG;
      const nameStart = cmd.nameStart(i);
      const valueStart = cmd.valueStart(i);
      const valueEnd = cmd.valueEnd(i);
      const text = cmd.texts[i]!;
      const shared = arena.values.sharedCopy(cmd.names[i]!, text);
      let flags = 0;
      if (shared !== undefined) texts.push(shared);
      else if (!cmd.quoted[i]) {
        // A word's text is its source text.
        texts.push(null);
        flags = VERBATIM;
      } else if (text.length === valueEnd - valueStart - 2) {
        // Every escape or continuation is longer in the source than decoded: none here.
        texts.push(null);
        flags = VERBATIM | QUOTED;
      } else texts.push(text);
      offsets[o] = nameStart;
      offsets[o + 1] = cmd.nameEnd(i);
      offsets[o + 2] = valueStart;
      offsets[o + 3] = valueEnd;
      offsets[o + 4] = nameStart;
      offsets[o + 5] = valueEnd;
      offsets[o + 6] = flags;
    }
    return new LoggedCommand(resolved, argNames, chunk, slot);
  }

  /** The file's text. */
  get sourceText(): string {
    return this.chunk.source;
  }

  get command(): string | null {
    return this.chunk.texts[this.slot] as string | null;
  }

  get uncertain(): boolean {
    return (this.chunk.offsets[this.slot * PER_ARG + H_FLAGS]! & UNCERTAIN) !== 0;
  }

  /**
   * The property value named argument `i` sets: its static text, or its source text when it is a
   * code block or array (not dynamic) or depends on variables or commands (dynamic, so uncertain).
   * For `name=` the value is empty and its span the empty range right after `=`.
   */
  propertyValue(i: number): PropertyValue {
    const o = this.chunk.offsets;
    const k = (this.slot + 1 + i) * PER_ARG;
    const h = this.slot * PER_ARG;
    const flags = o[k + 6]!;
    const negated = (flags & NEGATED) !== 0;
    const nameSpan = { start: o[k]!, end: o[k + 1]! };
    const statementSpan = { start: o[h + H_START]!, end: o[h + H_END]! };
    const uncertain = (o[h + H_FLAGS]! & UNCERTAIN) !== 0;
    if ((flags & NO_VALUE) !== 0) {
      // `name=` — an empty value; its span is the empty range right after `=`.
      const at = Math.min(o[k + 5]!, nameSpan.end + 1);
      return { text: '', negated, dynamic: false, uncertain, span: { start: at, end: at }, nameSpan, statementSpan };
    }
    const span = { start: o[k + 2]!, end: o[k + 3]! };
    const known = this.staticText(this.slot + 1 + i);
    if (known !== undefined) return { text: known, negated, dynamic: false, uncertain, span, nameSpan, statementSpan };
    const source = this.chunk.source.slice(span.start, span.end);
    if ((flags & SOURCE_TEXT) !== 0) return { text: source, negated, dynamic: false, uncertain, span, nameSpan, statementSpan };
    return { text: source, negated, dynamic: true, uncertain: true, span, nameSpan, statementSpan };
  }

  /** `propertyValue(i).text` without building the value. */
  propertyText(i: number): string {
    const at = this.slot + 1 + i;
    const k = at * PER_ARG;
    const o = this.chunk.offsets;
    if ((o[k + 6]! & NO_VALUE) !== 0) return '';
    return this.staticText(at) ?? this.chunk.source.slice(o[k + 2]!, o[k + 3]!);
  }

  /** The static text of argument slot `at` (undefined when dynamic or an unset). */
  private staticText(at: number): string | undefined {
    const known = this.chunk.texts[at];
    if (known !== null) return known;
    const o = this.chunk.offsets;
    const k = at * PER_ARG;
    const inset = (o[k + 6]! & QUOTED) !== 0 ? 1 : 0;
    return this.chunk.source.slice(o[k + 2]! + inset, o[k + 3]! - inset);
  }

  /** `propertyValue(i).dynamic` without building the value. */
  propertyDynamic(i: number): boolean {
    const at = this.slot + 1 + i;
    return this.chunk.texts[at] === undefined && (this.chunk.offsets[at * PER_ARG + 6]! & (NO_VALUE | SOURCE_TEXT)) === 0;
  }

  /** Built on each access: the texts live in the arena's shared chunk. */
  get argValues(): (string | undefined)[] {
    const out: (string | undefined)[] = [];
    for (let i = 0; i < this.argNames.length; i++) out.push(this.staticText(this.slot + 1 + i));
    return out;
  }

  get span(): Span {
    const h = this.slot * PER_ARG;
    return { start: this.chunk.offsets[h + H_START]!, end: this.chunk.offsets[h + H_END]! };
  }

  get menu(): string {
    return this.resolved.path;
  }

  get menuSegments(): string[] {
    return this.resolved.written;
  }

  get menuKnown(): boolean {
    return this.resolved.known;
  }

  get commandSpan(): Span | undefined {
    const h = this.slot * PER_ARG;
    const o = this.chunk.offsets;
    return o[h + H_CMD_START]! < 0 ? undefined : { start: o[h + H_CMD_START]!, end: o[h + H_CMD_END]! };
  }

  get args(): LoggedArg[] {
    const out: LoggedArg[] = [];
    const o = this.chunk.offsets;
    for (let i = 0; i < this.argNames.length; i++) {
      const at = this.slot + 1 + i;
      const k = at * PER_ARG;
      out.push({
        name: this.argNames[i]!,
        value: this.staticText(at),
        nameSpan: o[k]! < 0 ? undefined : { start: o[k]!, end: o[k + 1]! },
        valueSpan: o[k + 2]! < 0 ? undefined : { start: o[k + 2]!, end: o[k + 3]! },
        span: { start: o[k + 4]!, end: o[k + 5]! },
      });
    }
    return out;
  }
}
