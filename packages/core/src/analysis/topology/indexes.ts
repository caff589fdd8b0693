/**
 * The indexes pairing uses instead of comparing every peer with every interface:
 *  - interface public keys → interfaces (a Map);
 *  - tunnel addresses of every router, sorted per family: "which interface addresses lie inside
 *    this allowed-address prefix" is a binary search plus the matches;
 *  - per interface, its peers' allowed-address prefixes keyed by (family, length, network):
 *    "which peer of this interface accepts source address x" is one probe per prefix length in use;
 *  - the same network-wide (AcceptingInterfaceIndex): "which interfaces accept source address x,
 *    most specifically first", without visiting every interface that might.
 */
import type { IpFamily, Prefix } from '../prefix.js';
import type { WgInterface, WgPeer } from '../wireguard.js';
import { addressKey } from './reachability.js';
import type { RouterNode, TunnelAddress } from './routers.js';

export interface KeyedInterface {
  router: RouterNode;
  iface: WgInterface;
}

/** Interfaces by derived public key (several when a private key was cloned). */
export function interfacesByPublicKey(routers: readonly RouterNode[]): Map<string, KeyedInterface[]> {
  const out = new Map<string, KeyedInterface[]>();
  for (const router of routers) {
    for (const iface of router.tunnelAddresses.keys()) {
      if (iface.publicKey === undefined) continue;
      const list = out.get(iface.publicKey);
      if (list) list.push({ router, iface });
      else out.set(iface.publicKey, [{ router, iface }]);
    }
  }
  return out;
}

/**
 * Addresses on interfaces other than WireGuard (WAN, LAN, loopback: where a peer's endpoint can
 * point), as `family:value` keys → the routers holding them. Enabled, statically known ones only.
 */
export function outsideAddressOwners(routers: readonly RouterNode[]): Map<string, RouterNode[]> {
  const out = new Map<string, RouterNode[]>();
  for (const router of routers) {
    for (const a of router.addresses.all) {
      if (a.disabled || a.uncertain || a.address === undefined || a.interface === undefined) continue;
      if (router.view.interfacesByName.has(a.interface)) continue;
      const key = addressKey(a.family, a.address.address);
      const list = out.get(key);
      if (!list) out.set(key, [router]);
      else if (!list.includes(router)) list.push(router);
    }
  }
  return out;
}

/** Every router's tunnel addresses, sorted by value, one array per family. */
export class TunnelAddressIndex {
  private readonly byFamily = new Map<IpFamily, TunnelAddress[]>();

  constructor(routers: readonly RouterNode[]) {
    for (const router of routers) {
      for (const list of router.tunnelAddresses.values()) {
        for (const t of list) {
          let arr = this.byFamily.get(t.family);
          if (!arr) this.byFamily.set(t.family, (arr = []));
          arr.push(t);
        }
      }
    }
    for (const arr of this.byFamily.values()) arr.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  /** Tunnel addresses inside `prefix`, in ascending order. */
  within(prefix: Prefix): TunnelAddress[] {
    const arr = this.byFamily.get(prefix.family);
    if (!arr) return [];
    const out: TunnelAddress[] = [];
    for (let i = lowerBound(arr, prefix.first); i < arr.length && arr[i]!.value <= prefix.last; i++) out.push(arr[i]!);
    return out;
  }

  /** How many tunnel addresses lie inside `prefix` (what `within` would return), in O(log n). */
  countWithin(prefix: Prefix): number {
    const arr = this.byFamily.get(prefix.family);
    if (!arr || prefix.last < prefix.first) return 0;
    return lowerBound(arr, prefix.last + 1n) - lowerBound(arr, prefix.first);
  }
}

/** First index whose value is ≥ `value` (arr sorted by value). */
function lowerBound(arr: readonly TunnelAddress[], value: bigint): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]!.value < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Every interface's peers' allowed-address prefixes, network-wide: (family, length, network) → the
 * interfaces with a peer allowing exactly that prefix. Probing an address at each length, longest
 * first, lists the interfaces that accept it in the order of AllowedPrefixTable.longestAccepting:
 * an interface first met at length L accepts the address at L and no longer.
 */
export class AcceptingInterfaceIndex {
  /** Every prefix length in use (any family), longest first. */
  readonly lengths: readonly number[];
  /** family → length → network → interfaces (each once). */
  private readonly table = new Map<IpFamily, Map<number, Map<bigint, WgInterface[]>>>();

  /** Only prefixes holding an address of `probed` are kept: no other prefix can answer a probe. */
  constructor(peersByIface: ReadonlyMap<WgInterface, readonly WgPeer[]>, probed: TunnelAddressIndex) {
    const lengths = new Set<number>();
    for (const [iface, peers] of peersByIface) {
      for (const peer of peers) {
        for (const entry of peer.allowed) {
          const p = entry.prefix;
          if (!p || probed.countWithin(p) === 0) continue;
          let lens = this.table.get(p.family);
          if (!lens) this.table.set(p.family, (lens = new Map()));
          let nets = lens.get(p.length);
          if (!nets) lens.set(p.length, (nets = new Map()));
          const list = nets.get(p.first);
          if (!list) nets.set(p.first, [iface]);
          else if (list[list.length - 1] !== iface) list.push(iface); // one interface's peers are added together
          lengths.add(p.length);
        }
      }
    }
    this.lengths = [...lengths].sort((a, b) => b - a);
  }

  /**
   * Interfaces with a peer allowing the `length`-bit prefix of address `value` (same probe as
   * AllowedPrefixTable), for `value` one of the probed index's addresses.
   */
  at(family: IpFamily, length: number, value: bigint): readonly WgInterface[] {
    const nets = this.table.get(family)?.get(length);
    if (!nets) return NONE;
    const hostBits = BigInt((family === 4 ? 32 : 128) - length);
    return nets.get((value >> hostBits) << hostBits) ?? NONE;
  }
}

const NONE: readonly WgInterface[] = [];

/** The peers of one interface by allowed-address prefix. */
export class AllowedPrefixTable {
  /** family → length → network → peers. */
  private readonly table = new Map<IpFamily, Map<number, Map<bigint, WgPeer[]>>>();

  constructor(peers: readonly WgPeer[]) {
    for (const peer of peers) {
      for (const entry of peer.allowed) {
        const p = entry.prefix;
        if (!p) continue;
        let lens = this.table.get(p.family);
        if (!lens) this.table.set(p.family, (lens = new Map()));
        let nets = lens.get(p.length);
        if (!nets) lens.set(p.length, (nets = new Map()));
        const list = nets.get(p.first);
        if (!list) nets.set(p.first, [peer]);
        else if (!list.includes(peer)) list.push(peer);
      }
    }
  }

  /** Length of the longest allowed-address prefix containing `value`, or -1 when no peer accepts it. */
  longestAccepting(family: IpFamily, value: bigint): number {
    const lens = this.table.get(family);
    if (!lens) return -1;
    const bits = family === 4 ? 32 : 128;
    let best = -1;
    for (const [length, nets] of lens) {
      if (length <= best) continue;
      const hostBits = BigInt(bits - length);
      if (nets.has((value >> hostBits) << hostBits)) best = length;
    }
    return best;
  }

  /** Peers whose allowed-address contains the address `value`. */
  peersAccepting(family: IpFamily, value: bigint): WgPeer[] {
    const lens = this.table.get(family);
    if (!lens) return [];
    const bits = family === 4 ? 32 : 128;
    const out: WgPeer[] = [];
    for (const [length, nets] of lens) {
      const hostBits = BigInt(bits - length);
      const list = nets.get((value >> hostBits) << hostBits);
      if (list) for (const p of list) if (!out.includes(p)) out.push(p);
    }
    return out;
  }
}
