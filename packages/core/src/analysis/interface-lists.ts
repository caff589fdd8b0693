/**
 * Interface-list membership (`/interface list`, `/interface list member`), three-valued.
 *
 * Membership is what the file shows: static members, plus lists pulled in with `include=` minus
 * lists taken out with `exclude=`. The built-in lists are `all` (every interface), `none` (no
 * interface), `dynamic` and `static`. What the file cannot show makes an answer `unknown` instead
 * of `no`: a list the file never defines (a partial script runs on a router that has it), a list
 * that something fills at run time (`/interface detect-internet`, PPP profiles `interface-list=`),
 * a member entry set under control flow or from a variable, an interface whose name is unknown.
 */
import type { Item, PropertyValue, RouterConfig } from '../model/types.js';
import { isDisabled } from '../model/types.js';
import { splitList } from '../model/values.js';
import { interfaceIndex } from './interfaces.js';

/** A three-valued answer: the file says yes, says no, or cannot tell. */
export type Tri = 'yes' | 'no' | 'unknown';

export const LIST_MENU = '/interface/list';
export const LIST_MEMBER_MENU = '/interface/list/member';
export const BUILTIN_INTERFACE_LISTS: ReadonlySet<string> = new Set(['all', 'none', 'dynamic', 'static']);

export interface InterfaceListInfo {
  name: string;
  /** The `/interface list add` item (undefined for a list only referenced by members). */
  item?: Item;
  include: string[];
  exclude: string[];
  /** Interfaces added with a certain, enabled `/interface list member` entry. */
  members: Set<string>;
  /** Member entries that may or may not apply (control flow, variables, uncertain disabled). */
  maybeMembers: Set<string>;
  /** Something outside the file's static entries can add members (partial script, run-time fillers). */
  open: boolean;
}

export interface InterfaceListIndex {
  /** The file has an `/interface list` or `/interface list member` section at all. */
  hasListSection: boolean;
  lists: Map<string, InterfaceListInfo>;
}

function known(v: PropertyValue | undefined): v is PropertyValue {
  return v !== undefined && !v.dynamic;
}

/** Neither the item nor its `disabled=` was set under control flow or from a variable. */
function settled(item: Item): boolean {
  const d = item.props.get('disabled');
  return !item.uncertain && (d === undefined || (!d.dynamic && !d.uncertain));
}

/** Names of lists that RouterOS fills with dynamic members at run time. */
function runtimeFilledLists(config: RouterConfig): Set<string> {
  const out = new Set<string>();
  const addFrom = (item: Item | undefined, props: string[]) => {
    if (!item || isDisabled(item)) return;
    for (const p of props) {
      const v = item.props.get(p);
      if (known(v) && v.text !== '' && v.text !== 'none') out.add(v.text);
    }
  };
  addFrom(config.singleton('/interface/detect-internet'), [
    'detect-interface-list',
    'lan-interface-list',
    'wan-interface-list',
    'internet-interface-list',
  ]);
  for (const item of config.items('/ppp/profile')) addFrom(item, ['interface-list']);
  return out;
}

const cache = new WeakMap<RouterConfig, InterfaceListIndex>();

/** Every interface list of the file with its static members. */
export function interfaceLists(config: RouterConfig): InterfaceListIndex {
  const hit = cache.get(config);
  if (hit) return hit;
  const lists = new Map<string, InterfaceListInfo>();
  const listItems = config.items(LIST_MENU);
  const memberItems = config.items(LIST_MEMBER_MENU);
  const filled = runtimeFilledLists(config);
  const get = (name: string): InterfaceListInfo => {
    let l = lists.get(name);
    if (!l) {
      l = { name, include: [], exclude: [], members: new Set(), maybeMembers: new Set(), open: true };
      lists.set(name, l);
    }
    return l;
  };
  for (const item of listItems) {
    const name = item.props.get('name');
    if (!known(name) || isDisabled(item)) continue;
    const l = get(name.text);
    l.item = item;
    l.open = item.uncertain || filled.has(name.text);
    const inc = item.props.get('include');
    const exc = item.props.get('exclude');
    if (inc !== undefined) {
      if (known(inc)) l.include.push(...splitList(inc));
      else l.open = true;
    }
    if (exc !== undefined) {
      if (known(exc)) l.exclude.push(...splitList(exc));
      else l.open = true;
    }
  }
  for (const item of memberItems) {
    if (isDisabled(item) && settled(item)) continue;
    const list = item.props.get('list');
    const iface = item.props.get('interface');
    if (!known(list)) {
      // A member of some list we cannot name: every list may have it.
      for (const l of lists.values()) l.open = true;
      continue;
    }
    const l = get(list.text);
    if (!known(iface)) {
      l.open = true;
      continue;
    }
    if (settled(item) && !isDisabled(item) && !list.uncertain && !iface.uncertain) l.members.add(iface.text);
    else l.maybeMembers.add(iface.text);
  }
  const index = { hasListSection: listItems.length > 0 || memberItems.length > 0, lists };
  cache.set(config, index);
  return index;
}

/** Is `iface` static (defined or configured in the file, or a static member of a list)? */
function isKnownStatic(config: RouterConfig, index: InterfaceListIndex, iface: string): boolean {
  if (interfaceIndex(config).byName.has(iface)) return true;
  for (const l of index.lists.values()) if (l.members.has(iface)) return true;
  return false;
}

/**
 * Is `iface` a member of `list`? `iface` undefined = an interface the caller cannot name
 * (answers only for `all` and `none`).
 */
export function listMembership(config: RouterConfig, list: string, iface: string | undefined, depth = 0): Tri {
  if (list === 'all') return 'yes';
  if (list === 'none') return 'no';
  if (iface === undefined || depth > 8) return 'unknown';
  const index = interfaceLists(config);
  if (list === 'static') return isKnownStatic(config, index, iface) ? 'yes' : 'unknown';
  if (list === 'dynamic') return isKnownStatic(config, index, iface) ? 'no' : 'unknown';
  const l = index.lists.get(list);
  if (l === undefined) return 'unknown'; // not defined here: a partial script's router may have it
  let inside: Tri = l.members.has(iface) ? 'yes' : l.maybeMembers.has(iface) || l.open ? 'unknown' : 'no';
  for (const inc of l.include) {
    if (inside === 'yes') break;
    const m = listMembership(config, inc, iface, depth + 1);
    if (m === 'yes') inside = 'yes';
    else if (m === 'unknown') inside = 'unknown';
  }
  if (inside === 'no') return 'no';
  for (const exc of l.exclude) {
    const m = listMembership(config, exc, iface, depth + 1);
    if (m === 'yes') return 'no';
    if (m === 'unknown') inside = 'unknown';
  }
  return inside;
}

/**
 * Every interface certainly in `list`, or undefined when the file cannot enumerate it (open lists,
 * `all`/`dynamic`/`static`, undefined lists). Used to ask "is list A disjoint from list B".
 */
export function listMembersExactly(config: RouterConfig, list: string, depth = 0): Set<string> | undefined {
  if (list === 'none') return new Set();
  if (BUILTIN_INTERFACE_LISTS.has(list) || depth > 8) return undefined;
  const l = interfaceLists(config).lists.get(list);
  if (l === undefined || l.open || l.maybeMembers.size > 0 || l.item === undefined) return undefined;
  const out = new Set(l.members);
  for (const inc of l.include) {
    const m = listMembersExactly(config, inc, depth + 1);
    if (m === undefined) return undefined;
    for (const x of m) out.add(x);
  }
  for (const exc of l.exclude) {
    const m = listMembersExactly(config, exc, depth + 1);
    if (m === undefined) return undefined;
    for (const x of m) out.delete(x);
  }
  return out;
}

/** Enumerable members of a list as far as the file shows (static members only, include/exclude applied). */
export function listStaticMembers(config: RouterConfig, list: string, depth = 0): string[] {
  const l = interfaceLists(config).lists.get(list);
  if (!l || depth > 8) return [];
  const candidates = new Set<string>(l.members);
  for (const inc of l.include) for (const m of listStaticMembers(config, inc, depth + 1)) candidates.add(m);
  return [...candidates].filter((iface) => listMembership(config, list, iface) === 'yes');
}
