/**
 * Pairing: which peer on router A is which WireGuard interface on router B.
 *
 * 1. By key: the peer's `public-key` is the public key derived from an interface's shown
 *    `private-key` (a Map look-up).
 * 2. By addressing, when keys do not decide (hidden by a normal export, or wrong): the peer's
 *    allowed-address contains an address of B's interface, and B has a peer on that interface whose
 *    allowed-address contains an address of A's interface. The most specific allowed entry that
 *    finds exactly one such interface wins; two candidates at the same specificity = no pairing.
 *
 * A link is one direction (A's peer → B's interface); a tunnel is two links pointing at each other.
 * Cost: O(total peers × (allowed entries × (log n + matches) + prefix lengths)), never peers × interfaces.
 */
import type { RouterConfig } from '../../model/types.js';
import type { AllowedAddress, WgInterface, WgPeer } from '../wireguard.js';
import { AllowedPrefixTable, TunnelAddressIndex, interfacesByPublicKey } from './indexes.js';
import { type RouterNode, buildRouters } from './routers.js';

export type PairMethod = 'key' | 'address';

export interface Link {
  router: RouterNode;
  /** The interface on `router` the peer belongs to. */
  iface: WgInterface;
  peer: WgPeer;
  target: RouterNode;
  targetIface: WgInterface;
  method: PairMethod;
  /** For address pairing: the allowed-address entry that contains the target's address. */
  via?: AllowedAddress;
}

export interface Tunnel {
  /** The end listed first in the file order; `a.peer` is a's peer for b. */
  a: Link;
  b: Link;
}

export interface Topology {
  routers: RouterNode[];
  routerOf: Map<RouterConfig, RouterNode>;
  links: Link[];
  tunnels: Tunnel[];
  /** Links whose target has no peer pointing back (the other side does not know this router). */
  oneSided: Link[];
  /** Peers that match no interface among the files (the other end is elsewhere, or ambiguous). */
  unpaired: Array<{ router: RouterNode; iface: WgInterface; peer: WgPeer }>;
}

/** `by key` / `by addressing`, for messages. */
export function methodText(method: PairMethod): string {
  return method === 'key' ? 'paired by key' : 'paired by addressing';
}

/** The tunnel seen from `router`'s side: [its link, the other side's link]. */
export function endsFrom(tunnel: Tunnel, router: RouterNode): [Link, Link] {
  return tunnel.a.router === router ? [tunnel.a, tunnel.b] : [tunnel.b, tunnel.a];
}

const cache = new WeakMap<readonly RouterConfig[], Topology>();

/** The network analysis; computed once per lint (the linter hands every rule the same array). */
export function networkTopology(configs: readonly RouterConfig[]): Topology {
  const hit = cache.get(configs);
  if (hit) return hit;
  const topology = buildTopology(configs);
  cache.set(configs, topology);
  return topology;
}

export function buildTopology(configs: readonly RouterConfig[]): Topology {
  const routers = buildRouters(configs);
  const routerOf = new Map(routers.map((r) => [r.config, r]));
  const byKey = interfacesByPublicKey(routers);
  const addressIndex = new TunnelAddressIndex(routers);
  // One allowed-address table per interface, built from its pairable peers.
  const peersByIface = new Map<WgInterface, WgPeer[]>();
  for (const r of routers) {
    for (const { peer, iface } of r.peers) {
      const list = peersByIface.get(iface);
      if (list) list.push(peer);
      else peersByIface.set(iface, [peer]);
    }
  }
  const tables = new Map<WgInterface, AllowedPrefixTable>();
  for (const r of routers) {
    for (const iface of r.tunnelAddresses.keys()) tables.set(iface, new AllowedPrefixTable(peersByIface.get(iface) ?? []));
  }

  /** Does `target`'s interface have a peer accepting one of `from`'s interface addresses? */
  const knowsBack = (targetIface: WgInterface, from: RouterNode, fromIface: WgInterface): boolean => {
    const table = tables.get(targetIface);
    if (!table) return false;
    for (const t of from.tunnelAddresses.get(fromIface) ?? []) {
      if (table.peersAccepting(t.family, t.value).length > 0) return true;
    }
    return false;
  };

  const links: Link[] = [];
  const unpaired: Topology['unpaired'] = [];
  for (const router of routers) {
    for (const { peer, iface } of router.peers) {
      const link = pairByKey(router, iface, peer) ?? pairByAddress(router, iface, peer);
      if (link) links.push(link);
      else unpaired.push({ router, iface, peer });
    }
  }

  function pairByKey(router: RouterNode, iface: WgInterface, peer: WgPeer): Link | undefined {
    if (peer.publicKey === undefined) return undefined;
    const found = (byKey.get(peer.publicKey) ?? []).filter((k) => k.router !== router);
    if (found.length !== 1) return undefined;
    const { router: target, iface: targetIface } = found[0]!;
    return { router, iface, peer, target, targetIface, method: 'key' };
  }

  function pairByAddress(router: RouterNode, iface: WgInterface, peer: WgPeer): Link | undefined {
    const entries = peer.allowed.filter((e) => e.prefix !== undefined);
    entries.sort((x, y) => y.prefix!.length - x.prefix!.length);
    for (const entry of entries) {
      const candidates = new Map<WgInterface, RouterNode>();
      for (const t of addressIndex.within(entry.prefix!)) {
        if (t.router === router || candidates.has(t.iface)) continue;
        if (knowsBack(t.iface, router, iface)) candidates.set(t.iface, t.router);
      }
      if (candidates.size > 1) return undefined; // ambiguous: better no pair than a wrong one
      for (const [targetIface, target] of candidates) {
        return { router, iface, peer, target, targetIface, method: 'address', via: entry };
      }
    }
    return undefined;
  }

  // Tunnels: a link and a link of the target's interface pointing back at this interface.
  const reverse = new Map<string, Link[]>();
  const key = (from: RouterNode, fromIface: WgInterface, to: RouterNode, toIface: WgInterface) =>
    `${from.index}\u0000${fromIface.name}\u0000${to.index}\u0000${toIface.name}`;
  for (const l of links) {
    const k = key(l.router, l.iface, l.target, l.targetIface);
    const list = reverse.get(k);
    if (list) list.push(l);
    else reverse.set(k, [l]);
  }
  const used = new Set<Link>();
  const tunnels: Tunnel[] = [];
  const oneSided: Link[] = [];
  for (const l of links) {
    if (used.has(l)) continue;
    const back = (reverse.get(key(l.target, l.targetIface, l.router, l.iface)) ?? []).find((b) => !used.has(b) && b !== l);
    if (!back) {
      oneSided.push(l);
      continue;
    }
    used.add(l);
    used.add(back);
    tunnels.push({ a: l, b: back });
  }
  return { routers, routerOf, links, tunnels, oneSided, unpaired };
}
