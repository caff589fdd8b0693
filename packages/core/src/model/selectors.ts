/**
 * Item selectors of `set`/`remove`/`enable`/`move`/… → the items they pick.
 *
 * Forms: a name (`ether1`, `"ether2 "`), a comma list of names, a print-order number (`0`), a
 * RouterOS internal id (`*1A`), `[find …]`, or a variable holding a `[find …]` result.
 * When nothing matches a selector that names a built-in item (`default-name=ether1`, `name=all`,
 * `default=yes`, a bare name or number), the selection says how to create the implicit item.
 */
import type { Arg, CommandStatement, Expr, SourceText, Span } from '@roslint/parser';
import type { ModelStore } from './store.js';
import type { Item, PropertyValue } from './types.js';
import type { VarScope } from './scope.js';
import { exprText } from './values.js';
import { itemPropForMatch, matchFindArgs } from './where.js';

export interface SelectedItem {
  item: Item;
  /** False when the selector may or may not pick this item. */
  certain: boolean;
}

/** How to create the built-in item a selector names when no item in the file matches it. */
export interface ImplicitSpec {
  props: [string, PropertyValue][];
  /** `*1A` the item stands for. */
  internalId?: string;
  /** Print-order number the item stands for. */
  index?: number;
}

export interface Selection {
  items: SelectedItem[];
  /** The selector depends on something the model cannot know (`$var`, `[get …]`). */
  unresolved: boolean;
  /** The selector went through a variable: everything it picks is uncertain. */
  viaVariable: boolean;
  /** Built-in items to create, one per selector element that matched nothing. */
  implicit: ImplicitSpec[];
}

export interface SelectorContext {
  store: ModelStore;
  source: SourceText;
  /** Canonical menu of the command using the selector. */
  menu: string;
  statementSpan: Span;
  scope: VarScope;
  /** Canonical menu a `[find]` inside this command runs in (it inherits the command's path). */
  findMenu(find: CommandStatement): string;
}

/** Flags that describe an item's state, not its identity: never create a built-in item from them. */
const STATE_FLAGS = new Set(['disabled', 'dynamic', 'invalid', 'running', 'inactive', 'active']);

function emptySelection(): Selection {
  return { items: [], unresolved: false, viaVariable: false, implicit: [] };
}

function selectorValue(text: string, span: Span, statementSpan: Span): PropertyValue {
  return { text, negated: false, dynamic: false, uncertain: false, span: { ...span }, nameSpan: { ...span }, statementSpan };
}

/**
 * Items whose name (or, never renamed, default-name) is `name`. An item created by `add` whose
 * name is dynamic may be the one: it is returned as an uncertain match.
 */
export function itemsNamed(items: readonly Item[], name: string): SelectedItem[] {
  // A built-in item whose name the file never shows (created by `[find default=yes]`, `*1A`…) is
  // not presumed to be this one: exports select a built-in item the same way every time.
  const out: SelectedItem[] = [];
  const maybe: SelectedItem[] = [];
  for (const item of items) {
    const n = itemPropForMatch(item, 'name');
    if (n === name) out.push({ item, certain: true });
    else if (n === undefined && !item.implicit) maybe.push({ item, certain: false });
  }
  return out.length > 0 ? out : maybe;
}

/** Sub-menus of `/interface` that do not hold interfaces. */
const NOT_INTERFACE_MENUS = new Set(['/interface/list', '/interface/detect-internet', '/interface/dot1x']);

/**
 * The items a name or `find` can reach from `menu`. The generic `/interface` menu reaches every
 * interface, whatever menu defined it (`/interface disable wg1` disables the WireGuard interface).
 */
function reachableItems(ctx: SelectorContext, menu: string): Item[] {
  if (menu !== '/interface') return ctx.store.items(menu);
  const out: Item[] = [];
  for (const [path, m] of ctx.store.menus) {
    if (path.startsWith('/interface/') && path.indexOf('/', 11) < 0 && !NOT_INTERFACE_MENUS.has(path)) out.push(...m.items);
  }
  out.push(...ctx.store.items(menu));
  return out;
}

function selectWordElement(ctx: SelectorContext, text: string, span: Span, sel: Selection): void {
  const items = ctx.store.items(ctx.menu);
  if (/^\d+$/.test(text)) {
    const index = Number(text);
    const item = items[index];
    if (item) sel.items.push({ item, certain: true });
    else sel.implicit.push({ props: [], index });
    return;
  }
  if (/^\*[0-9A-Fa-f]+$/.test(text)) {
    const item = ctx.store.internalId(ctx.menu, text);
    if (item && !item.removed) sel.items.push({ item, certain: true });
    else if (!item) sel.implicit.push({ props: [], internalId: text });
    return;
  }
  const named = itemsNamed(reachableItems(ctx, ctx.menu), text);
  if (named.length > 0) sel.items.push(...named);
  else sel.implicit.push({ props: [['name', selectorValue(text, span, ctx.statementSpan)]] });
}

/** Split `ether1,ether2` into elements with their spans (the word is unquoted, so offsets are exact). */
function wordElements(text: string, start: number): { text: string; span: Span }[] {
  const out: { text: string; span: Span }[] = [];
  let pos = 0;
  for (const part of text.split(',')) {
    if (part !== '') out.push({ text: part, span: { start: start + pos, end: start + pos + part.length } });
    pos += part.length + 1;
  }
  return out;
}

/** Equality filters of a find, usable as a built-in item's known properties. */
function implicitFromFind(args: readonly Arg[], statementSpan: Span): ImplicitSpec | undefined {
  const props: [string, PropertyValue][] = [];
  let identifying = false;
  const addEquality = (name: string, valueExpr: Expr | null, nameSpan: Span, negated: boolean): boolean => {
    const text = exprText(valueExpr);
    if (text === undefined || negated) return false;
    const span = valueExpr ? { start: valueExpr.start, end: valueExpr.end } : { start: nameSpan.end + 1, end: nameSpan.end + 1 };
    props.push([name, { text, negated: false, dynamic: false, uncertain: false, span, nameSpan: { ...nameSpan }, statementSpan }]);
    if (!STATE_FLAGS.has(name)) identifying = true;
    return true;
  };
  const fromCondition = (e: Expr | null): boolean => {
    if (e === null) return true;
    if (e.kind === 'paren' || e.kind === 'where') return fromCondition(e.kind === 'paren' ? e.expr : e.condition);
    if (e.kind === 'binary' && (e.operator === '&&' || e.operator === 'and')) return fromCondition(e.left) && fromCondition(e.right);
    if (e.kind === 'binary' && e.operator === '=' && e.left.kind === 'word') {
      return addEquality(e.left.text, e.right, { start: e.left.start, end: e.left.end }, false);
    }
    return false;
  };
  for (const arg of args) {
    if (arg.kind === 'named') {
      if (!addEquality(arg.name, arg.value, arg.nameSpan, arg.negated)) return undefined;
    } else if (arg.kind === 'positional' && arg.value.kind === 'where') {
      if (!fromCondition(arg.value.condition)) return undefined;
    } else if (arg.kind === 'unset' && STATE_FLAGS.has(arg.name)) {
      continue;
    } else {
      return undefined;
    }
  }
  return identifying ? { props } : undefined;
}

function selectFind(ctx: SelectorContext, find: CommandStatement, menu: string, sel: Selection): void {
  for (const item of reachableItems(ctx, menu)) {
    const t = matchFindArgs(find.args, item);
    if (t === true) sel.items.push({ item, certain: true });
    else if (t === undefined) sel.items.push({ item, certain: false });
  }
  if (sel.items.length === 0) {
    const spec = implicitFromFind(find.args, ctx.statementSpan);
    if (spec) sel.implicit.push(spec);
  }
}

function isFind(cmd: CommandStatement | null): cmd is CommandStatement {
  return cmd !== null && cmd.command !== null && cmd.command.name === 'find' && cmd.callee === null;
}

/** Resolve one selector expression. */
export function select(ctx: SelectorContext, expr: Expr): Selection {
  const sel = emptySelection();
  try {
    switch (expr.kind) {
      case 'word':
        for (const el of wordElements(expr.text, expr.start)) selectWordElement(ctx, el.text, el.span, sel);
        return sel;
      case 'string': {
        if (expr.value === null) {
          sel.unresolved = true;
          return sel;
        }
        selectWordElement(ctx, expr.value, { start: expr.start, end: expr.end }, sel);
        return sel;
      }
      case 'substitution': {
        if (!isFind(expr.command)) {
          sel.unresolved = true;
          return sel;
        }
        selectFind(ctx, expr.command, ctx.findMenu(expr.command), sel);
        return sel;
      }
      case 'variable': {
        const binding = ctx.scope.lookup(expr.name);
        if (binding?.find && binding.find.menu === ctx.menu) {
          selectFind(ctx, binding.find.find, binding.find.menu, sel);
          sel.implicit = [];
          sel.viaVariable = true;
          for (const s of sel.items) s.certain = false;
          return sel;
        }
        sel.unresolved = true;
        return sel;
      }
      default: {
        const t = exprText(expr);
        if (t === undefined) sel.unresolved = true;
        else selectWordElement(ctx, t, { start: expr.start, end: expr.end }, sel);
        return sel;
      }
    }
  } catch {
    // Never let an odd selector stop evaluation: treat it as unknowable.
    return { ...emptySelection(), unresolved: true };
  }
}
