/**
 * Firewall address lists as they were before the merged range sets (roslint 260fa47), kept as the
 * reference the perf-equivalence tests compare against. Not used by code.
 */
import type { Item, RouterConfig } from '../src/model/types.js';
import { isDisabled } from '../src/model/types.js';
import { splitList } from '../src/model/values.js';
import type { Tri } from '../src/analysis/interface-lists.js';
import type { Bounds, IpFamily } from '../src/analysis/prefix.js';
import { parseAddressOrRange } from './prefix-legacy.js';
import { setWithin, setsOverlap } from '../src/analysis/firewall/packet.js';

export interface AddressList {
  name: string;
  family: IpFamily;
  /** Ranges of static, certain, enabled entries. */
  entries: Bounds[];
  /** Entries that are certain to exist, for related locations. */
  items: Item[];
  open: boolean;
}

export interface AddressListIndex {
  lists: Map<string, AddressList>;
  /** List names something fills at run time. */
  filled: Set<string>;
}

/** The old parse of an entry (no IPv4 fast path) is the prefix oracle's. */
export { parseAddressOrRange };

const MENUS: Record<IpFamily, string> = { 4: '/ip/firewall/address-list', 6: '/ipv6/firewall/address-list' };

function filledLists(config: RouterConfig): Set<string> {
  const out = new Set<string>();
  for (const menu of config.menus.values()) {
    for (const item of menu.items) {
      for (const name of ['address-list', 'address-lists']) {
        const v = item.props.get(name);
        if (v === undefined) continue;
        if (v.dynamic) out.add('\u0000any');
        else for (const l of splitList(v)) out.add(l);
      }
    }
  }
  return out;
}

const cache = new WeakMap<RouterConfig, Map<IpFamily, AddressListIndex>>();

export function addressLists(config: RouterConfig, family: IpFamily): AddressListIndex {
  let byFamily = cache.get(config);
  if (!byFamily) cache.set(config, (byFamily = new Map()));
  const hit = byFamily.get(family);
  if (hit) return hit;
  const filled = filledLists(config);
  const lists = new Map<string, AddressList>();
  const get = (name: string): AddressList => {
    let l = lists.get(name);
    if (!l) lists.set(name, (l = { name, family, entries: [], items: [], open: filled.has(name) || filled.has('\u0000any') }));
    return l;
  };
  for (const item of config.items(MENUS[family])) {
    const list = item.props.get('list');
    const address = item.props.get('address');
    if (list === undefined || list.dynamic) {
      for (const l of lists.values()) l.open = true;
      filled.add('\u0000any');
      continue;
    }
    const l = get(list.text);
    const disabled = item.props.get('disabled');
    if (isDisabled(item) && !item.uncertain && !disabled?.uncertain) continue;
    const timeout = item.props.get('timeout');
    const bounds = address !== undefined && !address.dynamic ? parseAddressOrRange(address.text, family) : undefined;
    const settled = !item.uncertain && !list.uncertain && !(disabled?.uncertain ?? false) && !isDisabled(item);
    if (bounds === undefined || !settled || (timeout !== undefined && timeout.text !== '' && timeout.text !== '0s')) {
      l.open = true;
      continue;
    }
    l.entries.push(bounds);
    l.items.push(item);
  }
  const index = { lists, filled };
  byFamily.set(family, index);
  return index;
}

/** Is every address of `set` in `list` (yes), none of them (no), or cannot tell? */
export function addressListMembership(config: RouterConfig, family: IpFamily, list: string, set: readonly Bounds[]): Tri {
  const index = addressLists(config, family);
  const l = index.lists.get(list);
  // A partial script runs on a router whose lists it does not show.
  const open = !config.isExport || (l ? l.open : index.filled.has(list) || index.filled.has('\u0000any'));
  const entries = l?.entries ?? [];
  if (entries.length > 0 && setWithin(set, entries)) return 'yes';
  if (!open && !setsOverlap(set, entries)) return 'no';
  return 'unknown';
}
