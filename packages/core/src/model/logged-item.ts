/**
 * Items read straight from the command log.
 *
 * Most items of a big export are made by one `add` and never changed again. Their properties are
 * exactly that command's named arguments, which the command log already holds compactly, so such an
 * item (`LoggedItem`) keeps a reference to its log record instead of a Map of PropertyValue objects
 * (with two span objects each), and shares the record's span. On a 20 MB export that was ~2 million
 * objects and more than half of the model's memory, and the garbage collector's copying work is
 * proportional to it. A value is built when it is read (young garbage, cheap for V8); the first
 * change (`set`, `unset`, `disable`…) gives the item an ordinary Map.
 */
import type { Span } from '@roslint/parser';
import type { LoggedCommand } from './command-log.js';
import type { Item, PropertyValue } from './types.js';

/** Which property each named argument of a command sets, worked out once per list of argument names. */
export interface PropLayout {
  /** Canonical property names, in the order a Map filled argument by argument would list them. */
  readonly names: readonly string[];
  /** For each name, the argument that sets it (the last one when a name is given twice). */
  readonly argIndex: readonly number[];
  /** Some argument is in `skip` (it steers the command: `place-before`, `copy-from`, `numbers`). */
  readonly steered: boolean;
}

/**
 * The layout of a command's named arguments. `canonical` expands abbreviations; names in `skip`
 * steer the command rather than set a property. A leading-dot name (`.ssid=x` after
 * `configuration.mode=ap`) continues the previous dotted name's prefix (wifi, 7.13+).
 */
export function propLayout(
  argNames: readonly (string | null)[],
  canonical: ((name: string) => string) | undefined,
  skip: ReadonlySet<string>,
): PropLayout {
  const names: string[] = [];
  const argIndex: number[] = [];
  // A Map, not indexOf: a pathological command may name thousands of properties.
  const position = new Map<string, number>();
  let prefix = '';
  let steered = false;
  for (let i = 0; i < argNames.length; i++) {
    const written = argNames[i];
    // Positional words (null) and unsets (`!name`) set nothing.
    if (written === null || written === undefined || written.startsWith('!')) continue;
    let name = skip.has(written) ? written : canonical ? canonical(written) : written;
    if (skip.has(name)) {
      steered = true;
      continue;
    }
    if (name.startsWith('.') && prefix !== '') name = prefix + name;
    const dot = name.lastIndexOf('.');
    if (dot > 0) prefix = name.slice(0, dot);
    const at = position.get(name);
    if (at !== undefined) argIndex[at] = i;
    else {
      position.set(name, names.length);
      names.push(name);
      argIndex.push(i);
    }
  }
  return { names, argIndex, steered };
}

/**
 * An item made by a plain `add`: its menu, span and properties are its log record's. Only what can
 * change is a field (a 20 MB export has 400,000 of these, each copied by the garbage collector while
 * young); `removed` becomes one only on the rare item a `remove` removes.
 */
export class LoggedItem implements Item {
  declare removed?: boolean;
  /** Set on the first change to the properties: from then on `props` is this ordinary Map. */
  own: Map<string, PropertyValue> | null = null;

  constructor(
    readonly id: number,
    readonly record: LoggedCommand,
    readonly layout: PropLayout,
    public uncertain: boolean,
    public touchedBy: Span[],
  ) {}

  get implicit(): false {
    return false;
  }

  get menu(): string {
    return this.record.menu;
  }

  get span(): Span {
    return this.record.span;
  }

  /** A view on the log record (a small object made on each access), or the item's own Map once changed. */
  get props(): Map<string, PropertyValue> {
    return this.own ?? new LoggedProps(this);
  }

  /** `props.get(name)?.text` without building the value (the common question of rules). */
  textOf(name: string): string | undefined {
    if (this.own) return this.own.get(name)?.text;
    const i = this.layout.names.indexOf(name);
    return i < 0 ? undefined : this.record.propertyText(this.layout.argIndex[i]!);
  }

  /** The text of `name` when it is set and not dynamic, without building the value (see `staticProp`). */
  staticTextOf(name: string): string | undefined {
    if (this.own) {
      const v = this.own.get(name);
      return v === undefined || v.dynamic ? undefined : v.text;
    }
    const i = this.layout.names.indexOf(name);
    if (i < 0) return undefined;
    const at = this.layout.argIndex[i]!;
    return this.record.propertyDynamic(at) ? undefined : this.record.propertyText(at);
  }

  /** The text of `name` when it is set, not dynamic and not set under control flow (see `certainProp`). */
  certainTextOf(name: string): string | undefined {
    if (this.own) {
      const v = this.own.get(name);
      return v === undefined || v.dynamic || v.uncertain ? undefined : v.text;
    }
    // Every logged value shares its command's certainty (`LoggedCommand.propertyValue`).
    return this.record.uncertain ? undefined : this.staticTextOf(name);
  }

  /** Some value depends on variables or commands. */
  anyDynamic(): boolean {
    if (this.own) {
      for (const v of this.own.values()) if (v.dynamic) return true;
      return false;
    }
    for (const i of this.layout.argIndex) if (this.record.propertyDynamic(i)) return true;
    return false;
  }

  /** The value the `at`-th property of the layout has (before any change). */
  loggedValue(at: number): PropertyValue {
    return this.record.propertyValue(this.layout.argIndex[at]!);
  }
}

/**
 * `LoggedItem.props` before the item's first change: a Map read from the log record. A change
 * copies the values into the item's own Map (in the same order) and applies to that.
 */
class LoggedProps implements Map<string, PropertyValue> {
  constructor(private readonly item: LoggedItem) {}

  get size(): number {
    return this.item.own ? this.item.own.size : this.item.layout.names.length;
  }

  get(name: string): PropertyValue | undefined {
    const { own, layout } = this.item;
    if (own) return own.get(name);
    const i = layout.names.indexOf(name);
    return i < 0 ? undefined : this.item.loggedValue(i);
  }

  has(name: string): boolean {
    const own = this.item.own;
    return own ? own.has(name) : this.item.layout.names.includes(name);
  }

  set(name: string, value: PropertyValue): this {
    this.owned().set(name, value);
    return this;
  }

  delete(name: string): boolean {
    return this.owned().delete(name);
  }

  clear(): void {
    this.owned().clear();
  }

  forEach(callback: (value: PropertyValue, key: string, map: Map<string, PropertyValue>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[string, PropertyValue]> {
    const own = this.item.own;
    if (own) {
      yield* own.entries();
      return;
    }
    const names = this.item.layout.names;
    for (let i = 0; i < names.length; i++) yield [names[i]!, this.item.loggedValue(i)];
  }

  *keys(): MapIterator<string> {
    const own = this.item.own;
    if (own) yield* own.keys();
    else yield* this.item.layout.names;
  }

  *values(): MapIterator<PropertyValue> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, PropertyValue]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Map';
  }

  private owned(): Map<string, PropertyValue> {
    if (!this.item.own) {
      const own = new Map<string, PropertyValue>();
      for (const [k, v] of this.entries()) own.set(k, v);
      this.item.own = own;
    }
    return this.item.own;
  }
}
