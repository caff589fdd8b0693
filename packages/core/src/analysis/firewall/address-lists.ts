/**
 * Firewall address lists (`/ip firewall address-list`, `/ipv6 firewall address-list`), three-valued.
 *
 * Only static, certain entries count as known members. A list is "open" (non-membership is
 * `unknown`) when something can add to it at run time: an entry with a `timeout` or a DNS name,
 * any item of the file that names it in `address-list=`/`address-lists=` (firewall
 * `add-src-to-address-list` actions, DHCP server, PPP profiles, DNS static…), an entry set under
 * control flow, or a partial script that does not show the list at all.
 */
import { type Item, type RouterConfig, prop } from '../../model/types.js';
import { splitList } from '../../model/values.js';
import type { Tri } from '../interface-lists.js';
import { type Bounds, type IpFamily, ipv4PrefixBounds, parseAddress, parsePrefix, ipv4PrefixNumbers } from '../prefix.js';
import { type MergedRanges, MergedRangesBuilder } from './merged-ranges.js';

export interface AddressList {
  name: string;
  family: IpFamily;
  /** The addresses of static, certain, enabled entries, merged into one set. */
  members: MergedRanges;
  open: boolean;
}

export interface AddressListIndex {
  /**
   * The list called `name` (undefined when no entry names it). Its members are merged on the first
   * request: real exports carry big feeds that no filter rule asks about.
   */
  list(name: string): AddressList | undefined;
  /** List names something fills at run time. */
  filled: Set<string>;
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

// Both families read the same names; computed once per config (a walk over every item). Callers
// copy it before adding to it.
const filledCache = new WeakMap<RouterConfig, ReadonlySet<string>>();

function filledLists(config: RouterConfig): ReadonlySet<string> {
  const hit = filledCache.get(config);
  if (hit) return hit;
  const out = new Set<string>();
  for (const menu of config.menus.values()) {
    for (const item of menu.items) {
      for (const name of ['address-list', 'address-lists']) {
        const v = item.props.get(name);
        if (v === undefined) continue;
        if (v.dynamic) out.add(ANY_LIST);
        else for (const l of splitList(v)) out.add(l);
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
 * The entries of a family's menu, grouped by the first pass, which reads only `list=`: each
 * entry's list as a number (4 bytes an entry rather than an array of items per list).
 */
interface ListEntries {
  items: readonly Item[];
  /** Per item: the index of its list in `names`, or −1 when the list is not known statically. */
  listOf: Int32Array;
  /** Items whose `list=` itself was set under control flow (rare). */
  uncertainList: Set<Item>;
}

/** One list's members and openness from its entries; `open` starts from what fills it at run time. */
function buildList(name: string, id: number, family: IpFamily, entries: ListEntries, open: boolean): AddressList {
  const builder = new MergedRangesBuilder(family);
  const { items, listOf } = entries;
  for (let i = 0; i < items.length; i++) {
    if (listOf[i] !== id) continue;
    const item = items[i]!;
    const disabled = item.props.get('disabled');
    const isOff = disabled !== undefined && !disabled.dynamic && (disabled.text === 'yes' || disabled.text === 'true'); // isDisabled
    if (isOff && !item.uncertain && !disabled.uncertain) continue;
    const settled = !item.uncertain && !entries.uncertainList.has(item) && !(disabled?.uncertain ?? false) && !isOff;
    if (!settled || isTimeoutSet(prop(item, 'timeout'))) {
      open = true;
      continue;
    }
    const address = item.props.get('address');
    if (address === undefined || address.dynamic) {
      open = true;
      continue;
    }
    // Plain IPv4 addresses and prefixes (most entries) go in as numbers, without a Bounds object.
    const v4 = family === 4 ? ipv4PrefixNumbers(address.text) : undefined;
    if (v4 !== undefined) {
      builder.addNumbers(v4.first, v4.last);
      continue;
    }
    const bounds = parseAddressOrRange(address.text, family);
    if (bounds === undefined) open = true;
    else builder.add(bounds);
  }
  return { name, family, members: builder.build(), open };
}

export function addressLists(config: RouterConfig, family: IpFamily): AddressListIndex {
  let byFamily = cache.get(config);
  if (!byFamily) cache.set(config, (byFamily = new Map()));
  const hit = byFamily.get(family);
  if (hit) return hit;
  const filled = new Set(filledLists(config));
  // First pass: each entry's list. An entry whose list is not known statically could be in any
  // list, which opens them all.
  const items = config.items(MENUS[family]);
  const entries: ListEntries = { items, listOf: new Int32Array(items.length), uncertainList: new Set() };
  const ids = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const list = items[i]!.props.get('list');
    if (list === undefined || list.dynamic) {
      entries.listOf[i] = -1;
      filled.add(ANY_LIST);
      continue;
    }
    let id = ids.get(list.text);
    if (id === undefined) ids.set(list.text, (id = ids.size));
    entries.listOf[i] = id;
    if (list.uncertain) entries.uncertainList.add(items[i]!);
  }
  const built = new Map<string, AddressList>();
  const index: AddressListIndex = {
    filled,
    list(name) {
      let l = built.get(name);
      if (l === undefined) {
        const id = ids.get(name);
        if (id === undefined) return undefined;
        built.set(name, (l = buildList(name, id, family, entries, filled.has(name) || filled.has(ANY_LIST))));
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
  // A partial script runs on a router whose lists it does not show.
  const open = !config.isExport || (l ? l.open : index.filled.has(list) || index.filled.has(ANY_LIST));
  if (l !== undefined && !l.members.empty && set.every((r) => l.members.covers(r))) return 'yes';
  if (!open && !(l !== undefined && set.some((r) => l.members.meets(r)))) return 'no';
  return 'unknown';
}
