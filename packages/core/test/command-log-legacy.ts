/**
 * Test oracle: the command log as it was before its records kept their statement offsets, verb and
 * flags in the arena (command-log-equivalence.test.ts compares the two). Not used by the model.
 *
 * The command log's records, kept compact: a 20 MB export logs ~400,000 commands, and an object
 * (plus a span object or two) per argument made the log as big as the rest of the model (~200 MB)
 * and a large share of the garbage collector's work. A record shares its list of argument names
 * with every record naming the same arguments, and keeps its arguments' static texts and offsets
 * in the arena's shared chunks; `args` and `argValues` are built on each access.
 */
import type { Arg, Span } from '@roslint/parser';
import type { CommandRecord, LoggedArg, PropertyValue } from '../src/model/types.js';
import type { ResolvedMenu } from '../src/model/menu-path.js';
import { LogArena as CurrentArena, logArg } from '../src/model/command-log.js';

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
 * Argument slots per chunk (see `LogArena.reserve`): small at first (a network lints thousands
 * of small files, each with its own arena), doubling up to the largest.
 */
const FIRST_SLOTS = 64;
const MAX_SLOTS = 1 << 14;

/**
 * Append-only storage of the records' arguments, in chunks so that growing never copies: per
 * argument slot, its offsets (an Int32Array) and its static text (an array, index-aligned), so a
 * record holds no array of its own. Also the pools of argument-name lists and repeated values the
 * records share.
 */
export class LogArena {
  private offsets = new Int32Array(FIRST_SLOTS * PER_ARG);
  private texts: (string | undefined)[] = [];
  private used = 0;
  /** The argument-name lists and the value pool did not change: the current arena's serve here. */
  private readonly shared = new CurrentArena('');
  readonly values = this.shared.values;

  namesOf(args: readonly Arg[]): readonly (string | null)[] {
    return this.shared.namesOf(args);
  }

  /**
   * Room for `n` arguments: the chunk of offsets (`PER_ARG` per slot), the chunk of texts (one per
   * slot) and the first slot. Every slot's text is filled by the caller, in order.
   */
  reserve(n: number): [Int32Array, (string | undefined)[], number] {
    if (this.used + n > this.offsets.length / PER_ARG) {
      const slots = Math.min(MAX_SLOTS, (this.offsets.length / PER_ARG) * 2);
      this.offsets = new Int32Array(Math.max(slots, n) * PER_ARG);
      this.texts = [];
      this.used = 0;
    }
    const slot = this.used;
    this.used += n;
    return [this.offsets, this.texts, slot];
  }
}

export class LoggedCommand implements CommandRecord {
  readonly argNames: readonly (string | null)[];
  readonly command: string | null;
  private readonly offsets: Int32Array;
  private readonly texts: (string | undefined)[];
  /** The first argument's slot in `texts`; its offsets start at `slot * PER_ARG`. */
  private readonly slot: number;
  private readonly cmdStart: number;
  private readonly cmdEnd: number;

  constructor(
    /** Shared by every command of the menu (three fields of the record, one pointer here). */
    private readonly resolved: ResolvedMenu,
    command: string | null,
    commandSpan: Span | undefined,
    args: readonly Arg[],
    /** The statement's offsets (`span` builds the object on access: one object less per record). */
    private readonly start: number,
    private readonly end: number,
    readonly uncertain: boolean,
    arena: LogArena,
  ) {
    this.command = command === null ? null : arena.values.share('\0verb', command);
    this.cmdStart = commandSpan ? commandSpan.start : -1;
    this.cmdEnd = commandSpan ? commandSpan.end : -1;
    const n = args.length;
    this.argNames = arena.namesOf(args);
    const [offsets, texts, slot] = arena.reserve(n);
    this.offsets = offsets;
    this.texts = texts;
    this.slot = slot;
    // Writing one argument did not change: the current code's.
    for (let i = 0; i < n; i++) logArg(offsets, texts, (slot + i) * PER_ARG, args[i]!, arena.values);
  }

  /**
   * The property value named argument `i` sets: its static text, or its source text when it is a
   * code block or array (not dynamic) or depends on variables or commands (dynamic, so uncertain).
   * For `name=` the value is empty and its span the empty range right after `=`. `text` is the
   * file's text.
   */
  propertyValue(i: number, text: string): PropertyValue {
    const o = this.offsets;
    const k = (this.slot + i) * PER_ARG;
    const flags = o[k + 6]!;
    const negated = (flags & NEGATED) !== 0;
    const nameSpan = { start: o[k]!, end: o[k + 1]! };
    const statementSpan = { start: this.start, end: this.end };
    const uncertain = this.uncertain;
    if ((flags & NO_VALUE) !== 0) {
      // `name=` — an empty value; its span is the empty range right after `=`.
      const at = Math.min(o[k + 5]!, nameSpan.end + 1);
      return { text: '', negated, dynamic: false, uncertain, span: { start: at, end: at }, nameSpan, statementSpan };
    }
    const span = { start: o[k + 2]!, end: o[k + 3]! };
    const known = this.texts[this.slot + i];
    if (known !== undefined) return { text: known, negated, dynamic: false, uncertain, span, nameSpan, statementSpan };
    const source = text.slice(span.start, span.end);
    if ((flags & SOURCE_TEXT) !== 0) return { text: source, negated, dynamic: false, uncertain, span, nameSpan, statementSpan };
    return { text: source, negated, dynamic: true, uncertain: true, span, nameSpan, statementSpan };
  }

  /** `propertyValue(i).text` without building the value. */
  propertyText(i: number, text: string): string {
    const k = (this.slot + i) * PER_ARG;
    if ((this.offsets[k + 6]! & NO_VALUE) !== 0) return '';
    return this.texts[this.slot + i] ?? text.slice(this.offsets[k + 2]!, this.offsets[k + 3]!);
  }

  /** `propertyValue(i).dynamic` without building the value. */
  propertyDynamic(i: number): boolean {
    return this.texts[this.slot + i] === undefined && (this.offsets[(this.slot + i) * PER_ARG + 6]! & (NO_VALUE | SOURCE_TEXT)) === 0;
  }

  /** Built on each access: the texts live in the arena's shared chunk. */
  get argValues(): (string | undefined)[] {
    return this.texts.slice(this.slot, this.slot + this.argNames.length);
  }

  get span(): Span {
    return { start: this.start, end: this.end };
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
    return this.cmdStart < 0 ? undefined : { start: this.cmdStart, end: this.cmdEnd };
  }

  get args(): LoggedArg[] {
    const out: LoggedArg[] = [];
    const o = this.offsets;
    for (let i = 0; i < this.argNames.length; i++) {
      const k = (this.slot + i) * PER_ARG;
      out.push({
        name: this.argNames[i]!,
        value: this.texts[this.slot + i],
        nameSpan: o[k]! < 0 ? undefined : { start: o[k]!, end: o[k + 1]! },
        valueSpan: o[k + 2]! < 0 ? undefined : { start: o[k + 2]!, end: o[k + 3]! },
        span: { start: o[k + 4]!, end: o[k + 5]! },
      });
    }
    return out;
  }
}
