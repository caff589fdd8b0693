/**
 * Small look-ups rules share, so "the item named X" means the same thing everywhere.
 */
import type { Item, RouterConfig } from './types.js';

/** An item's name: its `name` property, else (a built-in item never renamed) its `default-name`. */
export function itemName(item: Item): string | undefined {
  return item.props.get('name')?.text ?? item.props.get('default-name')?.text;
}

/** Items of `menu` (canonical path) named `name`, in RouterOS order. */
export function findItemsByName(config: RouterConfig, menu: string, name: string): Item[] {
  return config.items(menu).filter((i) => itemName(i) === name);
}

/** The first item of `menu` named `name`. */
export function findItemByName(config: RouterConfig, menu: string, name: string): Item | undefined {
  return config.items(menu).find((i) => itemName(i) === name);
}

/** Items of `menu` whose properties equal every `name → text` pair given. */
export function findItemsWhere(config: RouterConfig, menu: string, props: Record<string, string>): Item[] {
  const pairs = Object.entries(props);
  return config.items(menu).filter((i) => pairs.every(([k, v]) => i.props.get(k)?.text === v));
}

/** Every item of every menu, menus in first-use order. */
export function allItems(config: RouterConfig): Item[] {
  const out: Item[] = [];
  for (const m of config.menus.values()) out.push(...m.items);
  return out;
}
