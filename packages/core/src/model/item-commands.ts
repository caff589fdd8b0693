/**
 * Item commands applied to the store: add, set, remove, enable, disable, unset, move, comment.
 *
 * Certainty: a command evaluated under control flow (`uncertain`), a selector that goes through a
 * variable, a selector match that cannot be decided, or a dynamic value all leave their mark as
 * `uncertain` on the values and items they touch. An uncertain `remove` keeps the item.
 */
import type { CommandStatement, Expr, NamedArg, Span } from '@roslint/parser';
import type { Item, PropertyValue } from './types.js';

import { select, type ImplicitSpec, type SelectedItem, type Selection, type SelectorContext } from './selectors.js';
import { commandValue, exprText } from './values.js';
import { addTouch, type ModelStore } from './store.js';
import type { LoggedCommand } from './command-log.js';
import { propLayout, type PropLayout } from './logged-item.js';

export interface ItemCommandContext extends SelectorContext {
  stmt: CommandStatement;
  /** Evaluated under control flow. */
  uncertain: boolean;
  /** Canonical property name for a name as written (expands abbreviations the schema knows). */
  argName?(name: string): string;
  /** The schema knows this menu holds a list of items (its `set` takes `numbers`). */
  isListMenu?(): boolean;
  /**
   * The command's log record: property values are read from it (large exports hold millions of
   * values, and the log already has their texts and offsets).
   */
  logged: LoggedCommand;
  /**
   * Layouts already worked out for this menu and verb, by argument-name list (the log shares one
   * list among all commands that name the same arguments).
   */
  layouts: Map<readonly (string | null)[], PropLayout>;
}

/** Arguments of `add` that steer the command rather than set a property. */
export const ADD_CONTROL_ARGS: ReadonlySet<string> = new Set(['place-before', 'copy-from']);
/** `set`'s item selector. */
const SET_CONTROL_ARGS = new Set(['numbers']);

function span(s: Span): Span {
  return { start: s.start, end: s.end };
}

/** Which property each named argument sets (see `propLayout`), memoised per argument-name list. */
function layoutOf(ctx: ItemCommandContext, skip: ReadonlySet<string>): PropLayout {
  return memoLayout(ctx.layouts, ctx.logged.argNames, ctx.argName, skip);
}

/** `propLayout`, memoised in `layouts` (a menu's and verb's) by argument-name list. */
export function memoLayout(
  layouts: Map<readonly (string | null)[], PropLayout>,
  argNames: readonly (string | null)[],
  argName: ((name: string) => string) | undefined,
  skip: ReadonlySet<string>,
): PropLayout {
  let layout = layouts.get(argNames);
  if (layout === undefined) {
    layout = propLayout(argNames, argName, skip);
    layouts.set(argNames, layout);
  }
  return layout;
}

/** The common `add` (no steering argument): the item's properties are its log record's arguments. */
export function addLoggedItem(store: ModelStore, logged: LoggedCommand, layout: PropLayout, uncertain: boolean): Item {
  const item = store.newLoggedItem(logged, layout, uncertain);
  store.insert(item);
  return item;
}

/** Named args as properties, in the order a Map filled argument by argument lists them. */
function propertyArgs(ctx: ItemCommandContext, skip: ReadonlySet<string>): [string, PropertyValue][] {
  const { names, argIndex } = layoutOf(ctx, skip);
  return names.map((name, i) => [name, ctx.logged.propertyValue(argIndex[i]!)]);
}

function positionals(ctx: ItemCommandContext): Expr[] {
  const out: Expr[] = [];
  for (const a of ctx.stmt.args) if (a.kind === 'positional') out.push(a.value);
  return out;
}

function named(ctx: ItemCommandContext, name: string): NamedArg | undefined {
  for (const a of ctx.stmt.args) if (a.kind === 'named' && a.name === name) return a;
  return undefined;
}

function touch(ctx: ItemCommandContext, item: Item, certain: boolean): void {
  // The statement that created an item (implicit built-ins, singletons) is its span, not a touch.
  if (item.span.start !== ctx.stmt.start || item.span.end !== ctx.stmt.end) addTouch(item, span(ctx.stmt));
  if (ctx.uncertain || !certain) item.uncertain = true;
}

function createImplicit(ctx: ItemCommandContext, spec: ImplicitSpec): Item {
  const item = ctx.store.newItem(ctx.menu, ctx.statementSpan, true, ctx.uncertain);
  for (const [name, value] of spec.props) item.props.set(name, { ...value, uncertain: value.uncertain || ctx.uncertain });
  if (spec.internalId !== undefined) ctx.store.setInternalId(ctx.menu, spec.internalId, item);
  ctx.store.insert(item, spec.index);
  return item;
}

/** Items a modifying command (set/enable/disable/comment/unset) acts on, creating built-ins. */
function targets(ctx: ItemCommandContext, sel: Selection): SelectedItem[] {
  const out = sel.items.map((s) => ({ item: s.item, certain: s.certain && !sel.viaVariable }));
  for (const spec of sel.implicit) out.push({ item: createImplicit(ctx, spec), certain: true });
  if (sel.unresolved) {
    // Some item of this menu changes, but which one cannot be known.
    for (const item of ctx.store.items(ctx.menu)) item.uncertain = true;
  }
  return out;
}

function selectorOf(ctx: ItemCommandContext): { expr: Expr | undefined; viaNumbers: boolean } {
  const numbers = named(ctx, 'numbers');
  if (numbers && numbers.value) return { expr: numbers.value, viaNumbers: true };
  return { expr: positionals(ctx)[0], viaNumbers: false };
}

function applyProps(ctx: ItemCommandContext, item: Item, certain: boolean, props: [string, PropertyValue][]): void {
  for (const [name, value] of props) {
    const v = certain ? value : { ...value, uncertain: true };
    item.props.set(name, v);
    if (v.dynamic) item.uncertain = true;
  }
}

function unsetProps(ctx: ItemCommandContext, item: Item, certain: boolean, names: string[]): void {
  // An uncertain unset may not happen: keep the value but mark it.
  for (const name of names) {
    const v = item.props.get(name);
    if (v === undefined) continue;
    if (certain && !ctx.uncertain) item.props.delete(name);
    else item.props.set(name, { ...v, uncertain: true });
  }
}

function singletonItem(ctx: ItemCommandContext): Item {
  let item = ctx.store.singleton(ctx.menu);
  if (!item || item.removed) {
    item = ctx.store.newItem(ctx.menu, ctx.statementSpan, true, ctx.uncertain);
    ctx.store.insert(item);
    ctx.store.setSingleton(ctx.menu, item);
    return item;
  }
  return item;
}

/** Print-order index an `add … place-before=` puts the new item at, or undefined for the end. */
function placeBeforeIndex(ctx: ItemCommandContext, arg: NamedArg): { index: number | undefined; certain: boolean } {
  if (arg.value === null) return { index: undefined, certain: true };
  const text = exprText(arg.value);
  if (text !== undefined && /^\d+$/.test(text)) return { index: Number(text), certain: true };
  const sel = select(ctx, arg.value);
  const first = sel.items[0];
  // Before an item the file does not show (a built-in, `*5`): the position is unknown.
  if (!first) return { index: undefined, certain: !sel.unresolved && sel.implicit.length === 0 };
  const index = ctx.store.indexOf(first.item);
  return { index: index < 0 ? undefined : index, certain: first.certain && !sel.viaVariable && !sel.unresolved };
}

export function addItem(ctx: ItemCommandContext): Item {
  const layout = layoutOf(ctx, ADD_CONTROL_ARGS);
  if (!layout.steered) return addLoggedItem(ctx.store, ctx.logged, layout, ctx.uncertain);
  const copyFrom = named(ctx, 'copy-from');
  const placeBefore = named(ctx, 'place-before');
  const props = propertyArgs(ctx, ADD_CONTROL_ARGS);
  let certain = true;
  const item = ctx.store.newItem(ctx.menu, ctx.statementSpan, false, ctx.uncertain);
  if (copyFrom && copyFrom.value) {
    const sel = select(ctx, copyFrom.value);
    const source = sel.items[0];
    if (source) {
      for (const [k, v] of source.item.props) if (k !== 'name' && k !== 'default-name') item.props.set(k, v);
      if (!source.certain || sel.viaVariable) certain = false;
    } else certain = false;
  }
  for (const [name, value] of props) item.props.set(name, value);
  let index: number | undefined;
  if (placeBefore) {
    const at = placeBeforeIndex(ctx, placeBefore);
    index = at.index;
    if (!at.certain) certain = false;
  }
  if (!certain) item.uncertain = true;
  for (const v of item.props.values()) if (v.dynamic) item.uncertain = true;
  ctx.store.insert(item, index);
  return item;
}

export function setItems(ctx: ItemCommandContext): void {
  const props = propertyArgs(ctx, SET_CONTROL_ARGS);
  const unsets = ctx.stmt.args.flatMap((a) => (a.kind === 'unset' ? [ctx.argName ? ctx.argName(a.name) : a.name] : []));
  const { expr } = selectorOf(ctx);
  if (expr === undefined) {
    // `set` without an item in a list menu changes nothing (RouterOS asks for `numbers`).
    if (ctx.isListMenu?.()) return;
    // `/ip dns set servers=…`: the menu's one item.
    const item = singletonItem(ctx);
    touch(ctx, item, true);
    applyProps(ctx, item, !ctx.uncertain, props);
    unsetProps(ctx, item, true, unsets);
    return;
  }
  for (const t of targets(ctx, select(ctx, expr))) {
    touch(ctx, t.item, t.certain);
    applyProps(ctx, t.item, t.certain && !ctx.uncertain, props);
    unsetProps(ctx, t.item, t.certain, unsets);
  }
}

export function setDisabled(ctx: ItemCommandContext, disabled: boolean): void {
  const { expr } = selectorOf(ctx);
  const word = ctx.stmt.command ?? ctx.stmt;
  const value = commandValue(disabled ? 'yes' : 'no', word, ctx.statementSpan, ctx.uncertain);
  if (expr === undefined) return;
  for (const t of targets(ctx, select(ctx, expr))) {
    touch(ctx, t.item, t.certain);
    applyProps(ctx, t.item, t.certain && !ctx.uncertain, [['disabled', value]]);
  }
}

/** `comment ether1 comment="x"`. */
export function commentItems(ctx: ItemCommandContext): void {
  const { expr } = selectorOf(ctx);
  const props = propertyArgs(ctx, SET_CONTROL_ARGS).filter(([n]) => n === 'comment');
  if (expr === undefined || props.length === 0) return;
  for (const t of targets(ctx, select(ctx, expr))) {
    touch(ctx, t.item, t.certain);
    applyProps(ctx, t.item, t.certain && !ctx.uncertain, props);
  }
}

/** `unset <numbers> value-name=<prop>` or `unset <numbers> <prop>`; singleton menus: `unset <prop>`. */
export function unsetItems(ctx: ItemCommandContext): void {
  const pos = positionals(ctx);
  const valueName = named(ctx, 'value-name');
  const numbers = named(ctx, 'numbers');
  const singleton = ctx.store.singleton(ctx.menu);
  const names: string[] = [];
  const addNames = (e: Expr | null | undefined): void => {
    const t = e ? exprText(e) : undefined;
    if (t !== undefined) for (const n of t.split(',')) if (n !== '') names.push(n);
  };
  addNames(valueName?.value);
  if (!numbers && singleton && !singleton.removed) {
    for (const e of pos) addNames(e);
    touch(ctx, singleton, true);
    unsetProps(ctx, singleton, true, names);
    return;
  }
  const selector = numbers?.value ?? pos[0];
  for (const e of numbers ? pos : pos.slice(1)) addNames(e);
  if (!selector) return;
  for (const t of targets(ctx, select(ctx, selector))) {
    touch(ctx, t.item, t.certain);
    unsetProps(ctx, t.item, t.certain, names);
  }
}

export function removeItems(ctx: ItemCommandContext): void {
  const { expr } = selectorOf(ctx);
  if (expr === undefined) return;
  const sel = select(ctx, expr);
  if (sel.unresolved) for (const item of ctx.store.items(ctx.menu)) item.uncertain = true;
  for (const s of sel.items) {
    if (s.certain && !sel.viaVariable && !ctx.uncertain) ctx.store.remove(s.item);
    else {
      // It may or may not be removed on the router: keep it, flagged.
      touch(ctx, s.item, false);
    }
    if (s.item.removed) addTouch(s.item, ctx.statementSpan);
  }
}

/** `move 3 destination=0`, `move [find …] 0`, 7.x `move numbers=3 destination=0`. */
export function moveItems(ctx: ItemCommandContext): void {
  const pos = positionals(ctx);
  const { expr, viaNumbers } = selectorOf(ctx);
  if (expr === undefined) return;
  const destArg = named(ctx, 'destination');
  const destExpr = destArg ? destArg.value : viaNumbers ? pos[0] : pos[1];
  const items = ctx.store.items(ctx.menu);
  // The destination is resolved in the order before the move.
  let destination: Item | undefined;
  let certain = !ctx.uncertain;
  if (destExpr) {
    const text = exprText(destExpr);
    if (text !== undefined && /^\d+$/.test(text)) destination = items[Number(text)];
    else {
      const d = select(ctx, destExpr);
      destination = d.items[0]?.item;
      if (d.unresolved || d.viaVariable || (d.items[0] && !d.items[0].certain)) certain = false;
    }
  }
  const sel = select(ctx, expr);
  if (sel.unresolved || sel.viaVariable || sel.items.some((s) => !s.certain)) certain = false;
  const moving = sel.items.map((s) => s.item);
  for (const item of moving) touch(ctx, item, certain);
  if (certain) ctx.store.move(ctx.menu, moving, destination);
}
