/**
 * A flat `verb name=value …` line without its AST: most of an export (`add address=… list=…`).
 *
 * The flat-line parser (flatline.ts) fills one FlatCommand per file, line after line, with the
 * verb and each argument's name, value text and offsets; a consumer that can take a line in this
 * form (`ParseOptions.onFlatCommand`: the linter's model builder) skips the ~12 AST objects a line
 * costs. `toStatement` builds exactly the statement the flat-line parser builds otherwise.
 *
 * Only lines whose first word is a leading verb and whose arguments are all `name=value` with an
 * unquoted word or a string without interpolation (not negated, not a script-carrying string)
 * take this form.
 */
import type { Arg, CommandStatement, Expr, NamedArg } from './ast.js';
import { verbCommand } from './grammar.js';

/** Offsets per argument: name start/end, value start/end. */
const PER_ARG = 4;

export class FlatCommand {
  verb = '';
  verbStart = 0;
  verbEnd = 0;
  /** Number of arguments. */
  count = 0;
  /** Argument names (interned by the parser). */
  readonly names: string[] = [];
  /** Value texts: the word, or the string's decoded value. */
  readonly texts: string[] = [];
  /** Per argument: the value is a string (`"…"`), not a word. */
  readonly quoted: boolean[] = [];
  private offsets = new Int32Array(16 * PER_ARG);

  /** Starts a new line (the object is reused: a consumer must not keep it). */
  begin(verb: string, verbStart: number, verbEnd: number): this {
    this.verb = verb;
    this.verbStart = verbStart;
    this.verbEnd = verbEnd;
    this.count = 0;
    return this;
  }

  push(name: string, nameStart: number, nameEnd: number, text: string, valueStart: number, valueEnd: number, quoted: boolean): void {
    const i = this.count++;
    if ((i + 1) * PER_ARG > this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.names[i] = name;
    this.texts[i] = text;
    this.quoted[i] = quoted;
    const o = i * PER_ARG;
    this.offsets[o] = nameStart;
    this.offsets[o + 1] = nameEnd;
    this.offsets[o + 2] = valueStart;
    this.offsets[o + 3] = valueEnd;
  }

  nameStart(i: number): number {
    return this.offsets[i * PER_ARG]!;
  }

  nameEnd(i: number): number {
    return this.offsets[i * PER_ARG + 1]!;
  }

  /** Start of the value (its opening quote for a string); the argument starts at its name. */
  valueStart(i: number): number {
    return this.offsets[i * PER_ARG + 2]!;
  }

  /** End of the value, which is also the end of the argument. */
  valueEnd(i: number): number {
    return this.offsets[i * PER_ARG + 3]!;
  }

  /** The statement's offsets (what `toStatement().start/end` are). */
  get start(): number {
    return this.verbStart;
  }

  get end(): number {
    return this.count === 0 ? this.verbEnd : Math.max(this.verbEnd, this.valueEnd(this.count - 1));
  }

  /** The arguments as AST nodes (what the parser builds for them). */
  args(): Arg[] {
    const out: Arg[] = [];
    for (let i = 0; i < this.count; i++) {
      const start = this.valueStart(i);
      const end = this.valueEnd(i);
      const text = this.texts[i]!;
      let value: Expr;
      if (this.quoted[i]) {
        // The closing quote is the value's last character; an empty string has no text part.
        value = { kind: 'string', value: text, parts: end - 1 > start + 1 ? [{ kind: 'text', value: text, start: start + 1, end: end - 1 }] : [], start, end };
      } else value = { kind: 'word', text, start, end };
      const arg: NamedArg = {
        kind: 'named', name: this.names[i]!, nameSpan: { start: this.nameStart(i), end: this.nameEnd(i) }, negated: false, value,
        start: this.nameStart(i), end,
      };
      out.push(arg);
    }
    return out;
  }

  toStatement(): CommandStatement {
    return verbCommand({ kind: 'identifier', name: this.verb, start: this.verbStart, end: this.verbEnd }, this.args());
  }
}
