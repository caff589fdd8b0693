/**
 * Firewall address lists (`/ip firewall address-list`, `/ipv6 firewall address-list`), three-valued.
 *
 * Only static, certain entries count as known members. A list is "open" (non-membership is
 * `unknown`) when something can add to it at run time: an entry with a `timeout` or a DNS name,
 * any item of the file that names it in `address-list=`/`address-lists=` (firewall
 * `add-src-to-address-list` actions, DHCP server, PPP profiles, DNS static…), an entry set under
 * control flow, or a partial script that does not show the list at all.
 */
import { type Item, type RouterConfig, certainProp, prop, staticProp } from '../../model/types.js';
import { splitList } from '../../model/values.js';
import type { Tri } from '../interface-lists.js';
import { type Bounds, type IpFamily, ipv4PrefixBounds, parseAddress, parsePrefix, ipv4PrefixNumbers } from '../prefix.js';
import { type MergedRanges, MergedRangesBuilder } from './merged-ranges.js';

export interface AddressList {
  name: string;
  family: IpFamily;
  /** The addresses of static, certain, enabled entries, merged into one set. */
  members: MergedRanges;
  /**
   * Something may add to the list at run time, or an entry cannot be read statically. (A getter:
   * what fills lists at run time is only looked for when a question needs it.)
   */
  readonly open: boolean;
}

export interface AddressListIndex {
  /**
   * The list called `name` (undefined when no entry names it). Its members are merged on the first
   * request: real exports carry big feeds that no filter rule asks about.
   */
  list(name: string): AddressList | undefined;
  /** Does something fill the list `name` at run time (or could, being unnamed)? */
  isFilled(name: string): boolean;
}

const MENUS: Record<IpFamily, string> = { 4: '/ip/firewall/address-list', 6: '/ipv6/firewall/address-list' };

/** `10.0.0.0/8`, `10.0.0.1`, `10.0.0.1-10.0.0.9` → bounds; undefined for anything else (DNS names). */
export function parseAddressOrRange(text: string, family: IpFamily): Bounds | undefined {
  // Most entries of real lists are plain IPv4 addresses or prefixes: bounds without a Prefix.
  const v4 = ipv4PrefixBounds(text);
  if (v4 !== undefined) return family === 4 ? v4 : undefined;
  const dash = text.indexOf('-');
  if (dash > 0 && !text.includes('/')) {
    const a = parseAddress(text.slice(0, dash));
    const b = parseAddress(text.slice(dash + 1));
    if (!a || !b || a.family !== family || b.family !== family || a.value > b.value) return undefined;
    return { family, first: a.value, last: b.value };
  }
  const p = parsePrefix(text);
  if (!p || p.family !== family) return undefined;
  return { family, first: p.first, last: p.last };
}

/** A name in `filled` that stands for "some list we cannot name" (a dynamic `list=` or `address-list=`). */
const ANY_LIST = '\u0000any';

const FILLING_PROPERTIES = ['address-list', 'address-lists'];

// Both families read the same names; computed once per config (a walk over every item), and only
// when a question's answer depends on it. `prop`/`staticProp` answer log-backed items without
// building values: a big export has hundreds of thousands of items.
const filledCache = new WeakMap<RouterConfig, ReadonlySet<string>>();

function filledLists(config: RouterConfig): ReadonlySet<string> {
  const hit = filledCache.get(config);
  if (hit) return hit;
  const out = new Set<string>();
  for (const menu of config.menus.values()) {
    for (const item of menu.items) {
      for (const name of FILLING_PROPERTIES) {
        if (prop(item, name) === undefined) continue;
        const text = staticProp(item, name);
        if (text === undefined) out.add(ANY_LIST); // set from a variable or command
        else for (const l of splitList(text)) out.add(l);
      }
    }
  }
  filledCache.set(config, out);
  return out;
}

const cache = new WeakMap<RouterConfig, Map<IpFamily, AddressListIndex>>();

function isTimeoutSet(timeout: string | undefined): boolean {
  return timeout !== undefined && timeout !== '' && timeout !== '0s';
}

/**
 * The entries of a family's menu, grouped by the first pass, which reads only `list=`: the indexes
 * of each list's items (numbers, not items), so that merging a list reads only its own entries.
 */
interface ListEntries {
  items: readonly Item[];
  /** Per list id, the indexes in `items` of its entries. */
  byList: number[][];
  /** Items whose `list=` itself was set under control flow (rare), by index. */
  uncertainList: Set<number>;
}

/**
 * One list's members, and whether its own entries open it (an entry that may or may not be there,
 * with a timeout, or whose address is not a static prefix or range).
 */
function buildList(id: number, family: IpFamily, entries: ListEntries): { members: MergedRanges; openEntries: boolean } {
  const builder = new MergedRangesBuilder(family);
  const { items, uncertainList } = entries;
  let open = false;
  for (const i of entries.byList[id]!) {
    const item = items[i]!;
    if (item.uncertain) {
      open = true;
      continue;
    }
    if (prop(item, 'disabled') !== undefined) {
      const disabled = certainProp(item, 'disabled');
      // Set, but not for certain: the entry may or may not be enabled.
      if (disabled === undefined) {
        open = true;
        continue;
      }
      if (disabled === 'yes' || disabled === 'true') continue; // isDisabled
    }
    if (uncertainList.has(i) || isTimeoutSet(prop(item, 'timeout'))) {
      open = true;
      continue;
    }
    const address = staticProp(item, 'address');
    if (address === undefined) {
      open = true;
      continue;
    }
    // Plain IPv4 addresses and prefixes (most entries) go in as numbers, without a Bounds object.
    const v4 = family === 4 ? ipv4PrefixNumbers(address) : undefined;
    if (v4 !== undefined) {
      builder.addNumbers(v4.first, v4.last);
      continue;
    }
    const bounds = parseAddressOrRange(address, family);
    if (bounds === undefined) open = true;
    else builder.add(bounds);
  }
  return { members: builder.build(), openEntries: open };
}

export function addressLists(config: RouterConfig, family: IpFamily): AddressListIndex {
  let byFamily = cache.get(config);
  if (!byFamily) cache.set(config, (byFamily = new Map()));
  const hit = byFamily.get(family);
  if (hit) return hit;
  // First pass: each entry's list. An entry whose list is not known statically could be in any
  // list, which opens them all.
  const items = config.items(MENUS[family]);
  const byList: number[][] = [];
  const uncertainList = new Set<number>();
  let unnamedEntry = false;
  const ids = new Map<string, number>();
  let lastList: string | undefined;
  let last: number[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    // Certain is the common case: one lookup.
    let list = certainProp(item, 'list');
    if (list === undefined) {
      list = staticProp(item, 'list');
      if (list === undefined) {
        unnamedEntry = true;
        continue;
      }
      uncertainList.add(i);
    }
    // Exports list a list's entries together: most lookups are the previous entry's list.
    if (list !== lastList) {
      let id = ids.get(list);
      if (id === undefined) {
        ids.set(list, (id = ids.size));
        byList.push([]);
      }
      lastList = list;
      last = byList[id]!;
    }
    last!.push(i);
  }
  const entries: ListEntries = { items, byList, uncertainList };
  const isFilled = (name: string): boolean => {
    if (unnamedEntry) return true;
    const filled = filledLists(config);
    return filled.has(name) || filled.has(ANY_LIST);
  };
  const built = new Map<string, AddressList>();
  const index: AddressListIndex = {
    isFilled,
    list(name) {
      let l = built.get(name);
      if (l === undefined) {
        const id = ids.get(name);
        if (id === undefined) return undefined;
        const { members, openEntries } = buildList(id, family, entries);
        l = {
          name,
          family,
          members,
          get open() {
            return openEntries || isFilled(name);
          },
        };
        built.set(name, l);
      }
      return l;
    },
  };
  byFamily.set(family, index);
  return index;
}

/** Is every address of `set` in `list` (yes), none of them (no), or cannot tell? */
export function addressListMembership(config: RouterConfig, family: IpFamily, list: string, set: readonly Bounds[]): Tri {
  const index = addressLists(config, family);
  const l = index.list(list);
  if (l !== undefined && !l.members.empty && set.every((r) => l.members.covers(r))) return 'yes';
  if (l !== undefined && set.some((r) => l.members.meets(r))) return 'unknown';
  // Only now does openness matter (finding what fills lists walks the whole file). A partial
  // script runs on a router whose lists it does not show.
  const open = !config.isExport || (l !== undefined ? l.open : index.isFilled(list));
  return open ? 'unknown' : 'no';
}
