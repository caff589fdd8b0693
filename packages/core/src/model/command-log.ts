/**
 * The command log's records, kept compact: a 20 MB export logs ~400,000 commands, and an object
 * (plus a span object or two) per argument made the log as big as the rest of the model (~200 MB)
 * and a large share of the garbage collector's work. A record keeps its arguments' names and
 * static texts in two arrays (strings shared with the AST and the model) and their offsets in a
 * shared arena of Int32Arrays; `args` builds the full argument objects on each access.
 */
import type { Arg, Span } from '@roslint/parser';
import type { CommandRecord, LoggedArg } from './types.js';
import { exprText } from './values.js';

/** Offsets per argument: name start/end, value start/end (-1 when absent), argument start/end. */
const PER_ARG = 6;
const CHUNK = 1 << 16;

/** Append-only storage of argument offsets, in chunks so that growing never copies. */
export class OffsetArena {
  private chunk = new Int32Array(CHUNK);
  private used = 0;

  /** Room for `n` arguments: the chunk and the index of the first slot. */
  reserve(n: number): [Int32Array, number] {
    const need = n * PER_ARG;
    if (this.used + need > this.chunk.length) {
      this.chunk = new Int32Array(Math.max(CHUNK, need));
      this.used = 0;
    }
    const at = this.used;
    this.used += need;
    return [this.chunk, at];
  }
}

export class LoggedCommand implements CommandRecord {
  readonly argNames: (string | null)[];
  readonly argValues: (string | undefined)[];
  private readonly offsets: Int32Array;
  private readonly at: number;
  private readonly cmdStart: number;
  private readonly cmdEnd: number;

  constructor(
    readonly menu: string,
    readonly menuSegments: string[],
    readonly menuKnown: boolean,
    readonly command: string | null,
    commandSpan: Span | undefined,
    args: readonly Arg[],
    readonly span: Span,
    readonly uncertain: boolean,
    arena: OffsetArena,
  ) {
    this.cmdStart = commandSpan ? commandSpan.start : -1;
    this.cmdEnd = commandSpan ? commandSpan.end : -1;
    const n = args.length;
    this.argNames = new Array<string | null>(n);
    this.argValues = new Array<string | undefined>(n);
    const [offsets, at] = arena.reserve(n);
    this.offsets = offsets;
    this.at = at;
    for (let i = 0; i < n; i++) {
      const a = args[i]!;
      const o = at + i * PER_ARG;
      offsets[o + 4] = a.start;
      offsets[o + 5] = a.end;
      if (a.kind === 'named') {
        this.argNames[i] = a.name;
        this.argValues[i] = exprText(a.value);
        offsets[o] = a.nameSpan.start;
        offsets[o + 1] = a.nameSpan.end;
        offsets[o + 2] = a.value ? a.value.start : -1;
        offsets[o + 3] = a.value ? a.value.end : -1;
      } else if (a.kind === 'unset') {
        this.argNames[i] = '!' + a.name;
        this.argValues[i] = undefined;
        offsets[o] = offsets[o + 1] = offsets[o + 2] = offsets[o + 3] = -1;
      } else {
        this.argNames[i] = null;
        this.argValues[i] = exprText(a.value);
        offsets[o] = offsets[o + 1] = -1;
        offsets[o + 2] = a.value.start;
        offsets[o + 3] = a.value.end;
      }
    }
  }

  get commandSpan(): Span | undefined {
    return this.cmdStart < 0 ? undefined : { start: this.cmdStart, end: this.cmdEnd };
  }

  get args(): LoggedArg[] {
    const out: LoggedArg[] = [];
    const o = this.offsets;
    for (let i = 0; i < this.argNames.length; i++) {
      const k = this.at + i * PER_ARG;
      out.push({
        name: this.argNames[i]!,
        value: this.argValues[i],
        nameSpan: o[k]! < 0 ? undefined : { start: o[k]!, end: o[k + 1]! },
        valueSpan: o[k + 2]! < 0 ? undefined : { start: o[k + 2]!, end: o[k + 3]! },
        span: { start: o[k + 4]!, end: o[k + 5]! },
      });
    }
    return out;
  }
}
