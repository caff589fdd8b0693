/**
 * The mutable store the evaluator fills: menus with their items in RouterOS order, singleton items,
 * items known only by a RouterOS internal id (`*1A`), and removed items.
 */
import type { Span } from '@roslint/parser';
import type { Item, Menu, PropertyValue } from './types.js';
import type { LoggedCommand } from './command-log.js';
import { LoggedItem, type PropLayout } from './logged-item.js';

/**
 * Most items are never touched after their `add`: they share one frozen empty list until
 * `addTouch` gives them their own (an array per item is ~5 % of a big export's model).
 */
const NO_TOUCHES: Span[] = Object.freeze([]) as unknown as Span[];

/** Record that a later statement touched `item`. */
export function addTouch(item: Item, span: Span): void {
  if (item.touchedBy === NO_TOUCHES) item.touchedBy = [span];
  else item.touchedBy.push(span);
}

export class ModelStore {
  readonly menus = new Map<string, Menu>();
  private nextId = 1;
  private lastMenu: Menu | null = null;
  private readonly singletons = new Map<string, Item>();
  /** `*1A`-style references seen in a menu, mapped to the implicit item standing for them. */
  private readonly internalIds = new Map<string, Item>();

  menu(path: string): Menu {
    // Items come in long runs into one menu (an export's adds).
    if (this.lastMenu !== null && this.lastMenu.path === path) return this.lastMenu;
    let m = this.menus.get(path);
    if (!m) {
      m = { path, items: [] };
      this.menus.set(path, m);
    }
    this.lastMenu = m;
    return m;
  }

  items(path: string): Item[] {
    return this.menus.get(path)?.items ?? [];
  }

  /** `span` is kept, not copied: pass a plain span object (the statement's), never an AST node. */
  newItem(menu: string, span: Span, implicit: boolean, uncertain: boolean): Item {
    return {
      id: this.nextId++,
      menu,
      props: new Map<string, PropertyValue>(),
      span,
      touchedBy: NO_TOUCHES,
      uncertain,
      implicit,
    };
  }

  /** An item made by a plain `add`, read from its log record (see logged-item.ts). */
  newLoggedItem(record: LoggedCommand, layout: PropLayout, uncertain: boolean): LoggedItem {
    const item = new LoggedItem(this.nextId++, record, layout, uncertain, NO_TOUCHES);
    if (!uncertain && item.anyDynamic()) item.uncertain = true;
    return item;
  }

  /** Insert at a print-order index (clamped), or append when index is undefined. */
  insert(item: Item, index?: number): void {
    const items = this.menu(item.menu).items;
    if (index === undefined || index >= items.length) items.push(item);
    else items.splice(Math.max(0, index), 0, item);
  }

  indexOf(item: Item): number {
    return this.items(item.menu).indexOf(item);
  }

  remove(item: Item): void {
    const m = this.menu(item.menu);
    const i = m.items.indexOf(item);
    if (i < 0) return;
    m.items.splice(i, 1);
    item.removed = true;
    (m.removed ??= []).push(item);
  }

  /**
   * Move items so that they sit, in their current relative order, right before `destination`
   * (or at the end when there is no destination), as RouterOS `move` does.
   */
  move(menu: string, moving: Item[], destination: Item | undefined): void {
    const m = this.menu(menu);
    const set = new Set(moving);
    const ordered = m.items.filter((i) => set.has(i));
    if (ordered.length === 0) return;
    if (destination !== undefined && set.has(destination)) {
      // Moving an item before itself: RouterOS leaves the order unchanged for that item.
      return;
    }
    const rest = m.items.filter((i) => !set.has(i));
    const at = destination === undefined ? rest.length : rest.indexOf(destination);
    rest.splice(at < 0 ? rest.length : at, 0, ...ordered);
    m.items = rest;
  }

  singleton(menu: string): Item | undefined {
    return this.singletons.get(menu);
  }

  setSingleton(menu: string, item: Item): void {
    this.singletons.set(menu, item);
  }

  internalId(menu: string, id: string): Item | undefined {
    return this.internalIds.get(menu + '\u0000' + id.toUpperCase());
  }

  setInternalId(menu: string, id: string, item: Item): void {
    this.internalIds.set(menu + '\u0000' + id.toUpperCase(), item);
  }
}
