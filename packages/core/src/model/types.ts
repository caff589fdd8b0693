/**
 * The configuration model: what a script/export would leave on a router.
 *
 * Rules read this, never the AST, so a rule works the same on a compact export, a terse export and
 * a hand-written script. Every value remembers where it came from (spans into the file's text).
 */
import type { Span, SourceText, Comment } from '@roslint/parser';
import { LoggedItem } from './logged-item.js';

/** Where a property value came from. */
export interface PropertyValue {
  /** Canonical text of the value (quotes removed, escapes resolved). Empty string for `name=`. */
  text: string;
  /** `name=!value` (firewall matcher negation). `text` excludes the `!`. */
  negated: boolean;
  /**
   * The value is not known statically (from `$var`, `[cmd]`, `(expr)`); `text` is then the source
   * text of the expression, useful only for messages.
   */
  dynamic: boolean;
  /** Set under control flow (`:if`, loops, functions) — may or may not happen on the router. */
  uncertain: boolean;
  /** The value's own span (what a rule underlines). For `name=` (empty) the span after `=`. */
  span: Span;
  /** The `name` part's span. */
  nameSpan: Span;
  /** The whole command statement that set it. */
  statementSpan: Span;
}

export interface Item {
  /** Stable id within the config, in creation order (not RouterOS's `*1A` ids). */
  id: number;
  /** Canonical menu path, e.g. `/interface/wireguard/peers`. */
  menu: string;
  /** Property name → value. Names are canonical (as RouterOS prints them). */
  props: Map<string, PropertyValue>;
  /** Span of the `add` (or first `set`) statement that created the item. */
  span: Span;
  /** Spans of every statement that touched the item after creation (`set`, `disable`, `move`…). */
  touchedBy: Span[];
  /** The item was created or changed under control flow or from variables. */
  uncertain: boolean;
  /**
   * The item exists on the router without an `add` in the file: a built-in item configured with
   * `set [ find default-name=ether1 ]`, `set ether1 …`, `set [ find default=yes ]`, a singleton menu.
   */
  implicit: boolean;
  /** Removed by a later `remove`; kept out of `Menu.items` but remembered for messages. */
  removed?: boolean;
}

export interface Menu {
  path: string;
  /** Items in RouterOS order (after `place-before`/`move`), removed items excluded. */
  items: Item[];
  /** Items removed by `remove`, in removal order (for messages that mention what was removed). */
  removed?: Item[];
}

export interface RouterOSVersion {
  /** As written: `7.19.2`, `7.10`, `6.49.6`. */
  text: string;
  major: number;
  minor: number;
  patch: number;
  /** Where it came from. */
  source: 'header' | 'option' | 'config';
  span?: Span;
}

export interface ExportHeader {
  /** The header line `# 2024-03-25 05:19:33 by RouterOS 7.14.1`. */
  span: Span;
  date?: string;
  version?: string;
  softwareId?: string;
  model?: string;
  serialNumber?: string;
  /** `# system id = …` (7.18+ CHR exports). */
  systemId?: string;
}

/** One evaluated command, as the model understood it (for schema checks and editor features). */
export interface CommandRecord {
  /** Canonical menu path the command ran in (`/interface/wireguard/peers`). */
  menu: string;
  /** Menu path segments as written, after resolving `..` and the current menu. */
  menuSegments: string[];
  /** False when the menu path could not be resolved against the schema (kept as written). */
  menuKnown: boolean;
  /** `add`, `set`, `print`, … (null for a path-only line). */
  command: string | null;
  commandSpan?: Span;
  /**
   * The arguments as written, with their spans. May be built on each access (the model keeps
   * arguments compactly: a big export logs hundreds of thousands of commands): a pass over every
   * command should read `argNames`/`argValues` and take `args` only where it needs spans.
   */
  readonly args: LoggedArg[];
  /** Each argument's name, index-aligned with `args`: `null` for a positional word, `!name` for `!name`. */
  readonly argNames: readonly (string | null)[];
  /** Each argument's static text, index-aligned with `args` (undefined when dynamic or an unset). */
  readonly argValues: readonly (string | undefined)[];
  span: Span;
  uncertain: boolean;
}

/** One argument of a logged command. */
export interface LoggedArg {
  name: string | null;
  value: string | undefined;
  nameSpan?: Span;
  valueSpan?: Span;
  span: Span;
}

export interface RouterConfig {
  /** File path as given to the linter (used in diagnostics). */
  file: string;
  source: SourceText;
  comments: Comment[];
  header?: ExportHeader;
  version?: RouterOSVersion;
  /** The file looks like a full `/export` (it has the export header). */
  isExport: boolean;
  /**
   * Secrets are visible in this file (any `private-key` present). When false, a missing
   * private-key/preshared-key means "hidden by export", not "unset".
   */
  showsSensitive: boolean;
  menus: Map<string, Menu>;
  /** Every menu command evaluated (not `:` script commands), in source order. */
  commands: CommandRecord[];
  /** Items of a canonical menu path, in order; empty array when absent. */
  items(menu: string): Item[];
  /** The menu's property value for singleton menus (`/ip dns set …`). */
  singleton(menu: string): Item | undefined;
}

/** Helpers every rule uses; kept here so their meaning is the same everywhere. */
export function prop(item: Item, name: string): string | undefined {
  // Log-backed items answer without building the value (see logged-item.ts).
  if (item instanceof LoggedItem) return item.textOf(name);
  const v = item.props.get(name);
  return v === undefined ? undefined : v.text;
}

/** The property's text when it is set and known statically (not from variables or commands). */
export function staticProp(item: Item, name: string): string | undefined {
  if (item instanceof LoggedItem) return item.staticTextOf(name);
  const v = item.props.get(name);
  return v === undefined || v.dynamic ? undefined : v.text;
}

/**
 * The property's text when it is set statically and for certain: not from variables or commands,
 * not set (or unset) under control flow. A dynamic value is always uncertain too.
 */
export function certainProp(item: Item, name: string): string | undefined {
  if (item instanceof LoggedItem) return item.certainTextOf(name);
  const v = item.props.get(name);
  return v === undefined || v.dynamic || v.uncertain ? undefined : v.text;
}

export function isDisabled(item: Item): boolean {
  const text = staticProp(item, 'disabled');
  return text === 'yes' || text === 'true';
}
