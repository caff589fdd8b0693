/**
 * Addresses per interface (`/ip/address`, `/ipv6/address`) and the subnets they connect.
 *
 * An address `10.255.255.1/30` on `wireguard1` makes 10.255.255.0/30 reachable directly through
 * `wireguard1` (a connected route, distance 0). A `/32` with `network=` (point-to-point style) also
 * connects that peer address. Addresses whose value or interface is not known statically are kept
 * with `uncertain` so rules can stay quiet rather than guess.
 */
import type { Item, PropertyValue, RouterConfig } from '../model/types.js';
import { isDisabled } from '../model/types.js';
import { type Bounds, type IpFamily, type Prefix, containsAddress, parseAddress, parsePrefix } from './prefix.js';

export interface InterfaceAddress {
  item: Item;
  family: IpFamily;
  /** The interface name; undefined when `interface=` is not known statically. */
  interface: string | undefined;
  /** The address as written with its length (`10.255.255.1/30`); undefined when not parseable/known. */
  address: Prefix | undefined;
  /** Subnets this address connects (the network, plus `network=` of a point-to-point /32). */
  connected: Bounds[];
  disabled: boolean;
  /** Value from a variable, set under `:if`, or from an IPv6 pool: the subnet may differ. */
  uncertain: boolean;
}

export interface AddressIndex {
  all: InterfaceAddress[];
  /** Enabled addresses by interface name (addresses with an unknown interface are not here). */
  byInterface: Map<string, InterfaceAddress[]>;
  /** Enabled addresses whose interface is not known statically (could be on any interface). */
  unknownInterface: InterfaceAddress[];
}

const MENUS: ReadonlyArray<[string, IpFamily]> = [
  ['/ip/address', 4],
  ['/ipv6/address', 6],
];

function known(v: PropertyValue | undefined): v is PropertyValue {
  return v !== undefined && !v.dynamic;
}

function readAddress(item: Item, family: IpFamily): InterfaceAddress {
  const addrValue = item.props.get('address');
  const ifaceValue = item.props.get('interface');
  const fromPool = item.props.get('from-pool');
  let uncertain = item.uncertain || (addrValue?.uncertain ?? false) || (ifaceValue?.uncertain ?? false);
  let address: Prefix | undefined;
  const connected: Bounds[] = [];
  if (known(addrValue)) {
    const p = parsePrefix(addrValue.text);
    if (p !== undefined && p.family === family) {
      address = p;
      connected.push({ family, first: p.first, last: p.last });
      const network = item.props.get('network');
      if (family === 4 && p.length === 32 && known(network)) {
        const n = parseAddress(network.text);
        if (n !== undefined && n.family === 4 && n.value !== p.address) {
          connected.push({ family: 4, first: n.value, last: n.value });
        }
      }
    }
  } else if (addrValue !== undefined) {
    uncertain = true;
  }
  // An address taken from a pool gets its prefix at run time; only the host part is written.
  if (fromPool !== undefined && fromPool.text !== '') uncertain = true;
  if (ifaceValue !== undefined && ifaceValue.dynamic) uncertain = true;
  return {
    item,
    family,
    interface: known(ifaceValue) ? ifaceValue.text : undefined,
    address,
    connected,
    disabled: isDisabled(item),
    uncertain,
  };
}

const cache = new WeakMap<RouterConfig, AddressIndex>();

/** All IPv4/IPv6 interface addresses of the file, indexed by interface. */
export function addressIndex(config: RouterConfig): AddressIndex {
  const hit = cache.get(config);
  if (hit) return hit;
  const all: InterfaceAddress[] = [];
  const byInterface = new Map<string, InterfaceAddress[]>();
  const unknownInterface: InterfaceAddress[] = [];
  for (const [menu, family] of MENUS) {
    for (const item of config.items(menu)) {
      const a = readAddress(item, family);
      all.push(a);
      if (a.disabled) continue;
      if (a.interface === undefined) {
        unknownInterface.push(a);
        continue;
      }
      const list = byInterface.get(a.interface);
      if (list) list.push(a);
      else byInterface.set(a.interface, [a]);
    }
  }
  const index = { all, byInterface, unknownInterface };
  cache.set(config, index);
  return index;
}

/** Enabled addresses on `iface` (both families unless one is given). */
export function addressesOn(index: AddressIndex, iface: string, family?: IpFamily): InterfaceAddress[] {
  const list = index.byInterface.get(iface) ?? [];
  return family === undefined ? list : list.filter((a) => a.family === family);
}

export interface ConnectedMatch {
  address: InterfaceAddress;
  subnet: Bounds;
  /** Prefix length of the matching subnet (longer = more specific). */
  length: number;
}

function boundsLength(b: Bounds): number {
  const size = b.last - b.first + 1n;
  const bits = b.family === 4 ? 32 : 128;
  let n = 0;
  while (1n << BigInt(n) < size) n++;
  return bits - n;
}

/**
 * Enabled connected subnets containing the address `value` (longest first). A gateway IP resolves
 * to the interface of the most specific one.
 */
export function connectedSubnetsFor(index: AddressIndex, family: IpFamily, value: bigint): ConnectedMatch[] {
  const out: ConnectedMatch[] = [];
  for (const list of index.byInterface.values()) {
    for (const a of list) {
      if (a.family !== family) continue;
      for (const subnet of a.connected) {
        if (containsAddress(subnet, family, value)) out.push({ address: a, subnet, length: boundsLength(subnet) });
      }
    }
  }
  out.sort((x, y) => y.length - x.length);
  return out;
}

/** Prefix length of integer bounds that form a prefix. */
export { boundsLength as prefixLengthOf };
