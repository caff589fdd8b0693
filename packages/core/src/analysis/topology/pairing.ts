/**
 * Pairing: which peer on router A is which WireGuard interface on router B.
 *
 * 1. By key: the peer's `public-key` is the public key derived from an interface's shown
 *    `private-key` (a Map look-up).
 * 2. By addressing, when keys do not decide (hidden by a normal export, or wrong): the peer's
 *    allowed-address contains an address of B's interface, and B has a peer on that interface whose
 *    allowed-address contains an address of A's interface. The most specific allowed entry that
 *    finds exactly one such interface wins; two candidates at the same specificity = no pairing.
 *    Corroborated (common tunnel addressing pairs unrelated routers otherwise): mutual and unique
 *    both ways, no disagreeing key or endpoint, and an endpoint, routed LAN or key that ties them.
 * 3. By endpoint, when keys are hidden and the addressing is wrong on one side (the very mistake
 *    the rules report): the peer's literal endpoint-address is an address of exactly one other
 *    router B (outside its WireGuard interfaces, and not one of this router's own), and exactly one
 *    WireGuard interface of B has a peer that accepts this interface's tunnel address or dials one
 *    of this router's addresses (several: the one listening on the peer's endpoint-port).
 *
 * A link is one direction (A's peer → B's interface); a tunnel is two links pointing at each other.
 * Cost: O(total peers × allowed entries × (log n + min(addresses inside the entry, interfaces
 * accepting this one's addresses up to the best length) + prefix lengths)), never peers × interfaces:
 * a template network where every router has the same hub address stays linear (see pickFarEnd).
 */
import { type RouterConfig, certainProp } from '../../model/types.js';
import { type Bounds, type Prefix, contains, overlaps, parseAddress } from '../prefix.js';
import { type AllowedAddress, type WgInterface, type WgPeer } from '../wireguard.js';
import { AcceptingInterfaceIndex, AllowedPrefixTable, TunnelAddressIndex, interfacesByPublicKey, outsideAddressOwners } from './indexes.js';
import { addressKey, reachability } from './reachability.js';
import { type RouterNode, type TunnelAddress, buildRouters } from './routers.js';

/** The peer's non-empty, certain endpoint-address text (its value is not built: pairing reads only the text). */
function certainEndpoint(peer: WgPeer): string | undefined {
  const text = certainProp(peer.item, 'endpoint-address');
  return text === '' ? undefined : text;
}

export type PairMethod = 'key' | 'address' | 'endpoint';

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
  /** For endpoint pairing: the endpoint-address (as written) that is the target's address. */
  endpoint?: string;
}

/** Below this many tunnel addresses inside a prefix, scoring each is cheaper than any index walk. */
const FEW_INSIDE = 8;

function hasAddressInside(addresses: readonly TunnelAddress[] | undefined, prefix: Prefix): boolean {
  return addresses !== undefined && addresses.some((a) => a.family === prefix.family && prefix.first <= a.value && a.value <= prefix.last);
}

interface FarEnd {
  target: RouterNode;
  iface: WgInterface;
}

interface AddressCandidate {
  target: RouterNode;
  targetIface: WgInterface;
  via: AllowedAddress;
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

/** `paired by key` / `by addressing` / `by endpoint`, for messages. */
export function methodText(method: PairMethod): string {
  return method === 'key' ? 'paired by key' : method === 'address' ? 'paired by addressing' : 'paired by endpoint';
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

export interface TopologyOptions {
  /**
   * For tests: how address pairing finds the far end — by scoring every interface inside the
   * allowed prefix, or by walking the interfaces that accept back. Both give the same answer; by
   * default each query takes the cheaper one.
   */
  farEndSearch?: 'scoring' | 'acceptance';
}

export function buildTopology(configs: readonly RouterConfig[], options: TopologyOptions = {}): Topology {
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
  // Built on first use: key pairing never needs them.
  const tables = new Map<WgInterface, AllowedPrefixTable>();
  const tableOf = (iface: WgInterface): AllowedPrefixTable => {
    let t = tables.get(iface);
    if (!t) tables.set(iface, (t = new AllowedPrefixTable(peersByIface.get(iface) ?? [])));
    return t;
  };

  // Public keys of each interface's peers: a router whose peer carries the same public key as P
  // talks to the same far end as P does, so it is not P's far end (two clients of one server).
  const peerKeys = new Map<WgInterface, Set<string>>();
  const peerKeysOf = (iface: WgInterface): Set<string> => {
    let set = peerKeys.get(iface);
    if (!set) {
      set = new Set();
      for (const p of peersByIface.get(iface) ?? []) if (p.publicKey !== undefined) set.add(p.publicKey);
      peerKeys.set(iface, set);
    }
    return set;
  };

  /** How specifically `targetIface` accepts `from`'s interface addresses (-1: it does not). */
  const acceptsBack = (targetIface: WgInterface, from: RouterNode, fromIface: WgInterface): number => {
    const table = tableOf(targetIface);
    let best = -1;
    for (const t of from.tunnelAddresses.get(fromIface) ?? []) best = Math.max(best, table.longestAccepting(t.family, t.value));
    return best;
  };

  // Endpoint pairing's indexes, built on first use.
  let outsideOwners: Map<string, RouterNode[]> | undefined;
  const ownKeys = new Map<RouterNode, Set<string>>();
  const dialled = new Map<WgInterface, Set<string>>();
  /** Every enabled address of the router (any interface), as `family:value` keys. */
  const ownAddressKeys = (router: RouterNode): Set<string> => {
    let set = ownKeys.get(router);
    if (!set) {
      set = new Set();
      for (const a of router.addresses.all) if (!a.disabled && !a.uncertain && a.address) set.add(addressKey(a.family, a.address.address));
      ownKeys.set(router, set);
    }
    return set;
  };

  // Raw address candidates per peer (before corroboration), computed once: the reverse check asks
  // for the far end's peers too.
  const rawCandidates = new Map<WgPeer, AddressCandidate | null>();
  const findersOf = new Map<WgInterface, Map<WgInterface, WgPeer[]>>();
  // Which router an interface belongs to (interfaces are unique objects across routers).
  const ownerOf = new Map<WgInterface, RouterNode>();
  for (const r of routers) for (const i of r.tunnelAddresses.keys()) ownerOf.set(i, r);
  // Built on first use: only prefixes holding many tunnel addresses need it.
  let acceptors: AcceptingInterfaceIndex | undefined;
  const lanCache = new Map<RouterNode, Bounds[]>();
  const links: Link[] = [];
  const unpaired: Topology['unpaired'] = [];
  for (const router of routers) {
    for (const { peer, iface } of router.peers) {
      const link = pairByKey(router, iface, peer) ?? pairByAddress(router, iface, peer) ?? pairByEndpoint(router, iface, peer);
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

  function addressCandidateOf(router: RouterNode, iface: WgInterface, peer: WgPeer): AddressCandidate | undefined {
    let hit = rawCandidates.get(peer);
    if (hit === undefined) rawCandidates.set(peer, (hit = addressCandidate(router, iface, peer) ?? null));
    return hit ?? undefined;
  }

  /** The one interface of another router whose address the peer's most specific allowed entry finds. */
  function addressCandidate(router: RouterNode, iface: WgInterface, peer: WgPeer): AddressCandidate | undefined {
    const entries = peer.allowed.filter((e) => e.prefix !== undefined);
    entries.sort((x, y) => y.prefix!.length - x.prefix!.length);
    for (const entry of entries) {
      const pick = pickFarEnd(entry.prefix!, router, iface, peer.publicKey);
      if (pick === 'tie') return undefined; // ambiguous: better no pair than a wrong one
      if (pick) return { target: pick.target, targetIface: pick.iface, via: entry };
    }
    return undefined;
  }

  /**
   * Among the interfaces of other routers with an address inside `prefix` (none carrying a peer
   * with `peerKey`), the one that accepts `fromIface`'s addresses back most specifically; 'tie'
   * when several do equally. Two exact ways to the same answer, the cheaper one chosen per query:
   * score every interface inside the prefix, or walk the interfaces accepting the addresses back,
   * most specific first, and stop at the first length that has any (a shared hub address inside a
   * /32 is on every router of a template network, so the first way alone is quadratic there).
   */
  function pickFarEnd(prefix: Prefix, router: RouterNode, fromIface: WgInterface, peerKey: string | undefined): FarEnd | 'tie' | undefined {
    const inside = addressIndex.countWithin(prefix);
    if (inside === 0) return undefined;
    if (options.farEndSearch === 'acceptance') return pickByAcceptance(prefix, router, fromIface, peerKey, Infinity) as FarEnd | 'tie' | undefined;
    if (inside > FEW_INSIDE && options.farEndSearch !== 'scoring') {
      const walked = pickByAcceptance(prefix, router, fromIface, peerKey, inside);
      if (walked !== 'over budget') return walked;
    }
    return pickByScoring(prefix, router, fromIface, peerKey);
  }

  /** Scores every interface with an address inside the prefix by how it accepts `fromIface` back. */
  function pickByScoring(prefix: Prefix, router: RouterNode, fromIface: WgInterface, peerKey: string | undefined): FarEnd | 'tie' | undefined {
    let best: FarEnd | undefined;
    let bestBack = -1;
    let tie = false;
    const seen = new Set<WgInterface>();
    for (const t of addressIndex.within(prefix)) {
      if (t.router === router || seen.has(t.iface)) continue;
      seen.add(t.iface);
      if (peerKey !== undefined && peerKeysOf(t.iface).has(peerKey)) continue;
      const back = acceptsBack(t.iface, router, fromIface);
      if (back < 0 || back < bestBack) continue;
      tie = back === bestBack;
      if (!tie) {
        best = { target: t.router, iface: t.iface };
        bestBack = back;
      }
    }
    return best && tie ? 'tie' : best;
  }

  /**
   * The same answer from the other side: interfaces accepting `fromIface`'s addresses, longest
   * prefix length first (the first length with an eligible interface is the best score; a second
   * eligible interface there is a tie). Gives up after `budget` steps, when scoring is cheaper.
   */
  function pickByAcceptance(prefix: Prefix, router: RouterNode, fromIface: WgInterface, peerKey: string | undefined, budget: number): FarEnd | 'tie' | undefined | 'over budget' {
    const own = router.tunnelAddresses.get(fromIface) ?? [];
    if (own.length === 0) return undefined; // nothing to accept back
    acceptors ??= new AcceptingInterfaceIndex(peersByIface, addressIndex);
    let steps = 0;
    for (const length of acceptors.lengths) {
      let found: WgInterface | undefined;
      for (const t of own) {
        if (++steps > budget) return 'over budget';
        for (const j of acceptors.at(t.family, length, t.value)) {
          if (++steps > budget) return 'over budget';
          if (j === found) continue;
          const target = ownerOf.get(j)!;
          if (target === router || !hasAddressInside(target.tunnelAddresses.get(j), prefix)) continue;
          if (peerKey !== undefined && peerKeysOf(j).has(peerKey)) continue;
          if (found) return 'tie';
          found = j;
        }
      }
      if (found) return { target: ownerOf.get(found)!, iface: found };
    }
    return undefined;
  }

  /** The peers of `iface` by the interface their address candidate is (once per interface: a hub is asked by every client). */
  function peersFinding(router: RouterNode, iface: WgInterface): Map<WgInterface, WgPeer[]> {
    let found = findersOf.get(iface);
    if (!found) {
      found = new Map();
      for (const q of peersByIface.get(iface) ?? []) {
        const c = addressCandidateOf(router, iface, q);
        if (!c) continue;
        const list = found.get(c.targetIface);
        if (list) list.push(q);
        else found.set(c.targetIface, [q]);
      }
      findersOf.set(iface, found);
    }
    return found;
  }

  /**
   * Address pairing needs corroboration: tunnel addressing (10.0.0.1/24 with peers 10.0.0.2/32) is
   * common to unrelated routers, and a false pair is worse than a missed one. See pairing notes in
   * rules/topology/README.md.
   */
  function pairByAddress(router: RouterNode, iface: WgInterface, peer: WgPeer): Link | undefined {
    const found = addressCandidateOf(router, iface, peer);
    if (!found) return undefined;
    const { target, targetIface, via } = found;
    // Mutual and unique the other way: exactly one peer of the far interface finds this interface.
    const back = peersFinding(target, targetIface).get(iface) ?? [];
    if (back.length !== 1) return undefined;
    const q = back[0]!;
    const keyDisagrees = (p: WgPeer, i: WgInterface): boolean => p.publicKey !== undefined && i.publicKey !== undefined && p.publicKey !== i.publicKey;
    const keyAgrees = (p: WgPeer, i: WgInterface): boolean => p.publicKey !== undefined && p.publicKey === i.publicKey;
    // A key match one way identifies the pair; a wrong key the other way is then the defect to report.
    const keyConfirmed = keyAgrees(peer, targetIface) || keyAgrees(q, iface);
    if (!keyConfirmed && (keyDisagrees(peer, targetIface) || keyDisagrees(q, iface))) return undefined;
    const forward = endpointEvidence(peer, target);
    const reverse = endpointEvidence(q, router);
    if (forward === 'contradicts' || reverse === 'contradicts') return undefined;
    const corroborated =
      keyConfirmed ||
      forward === 'corroborates' ||
      reverse === 'corroborates' ||
      routesLanOf(peer, router, target) ||
      routesLanOf(q, target, router);
    if (!corroborated) return undefined;
    return { router, iface, peer, target, targetIface, method: 'address', via };
  }

  /**
   * What a peer's literal endpoint-address says about `target` being its far end: one of target's
   * addresses corroborates; another address contradicts when target's WAN is static and public (no
   * NAT in front that could forward to it); a host name, no endpoint or a NATed target says nothing.
   */
  function endpointEvidence(peer: WgPeer, target: RouterNode): 'corroborates' | 'contradicts' | 'none' {
    const endpoint = certainEndpoint(peer);
    const ip = endpoint ? parseAddress(endpoint) : undefined;
    if (!ip) return 'none';
    const reach = reachability(target);
    if (reach.ownAddresses.has(addressKey(ip.family, ip.value))) return 'corroborates';
    return reach.publicWanKnown ? 'contradicts' : 'none';
  }

  /**
   * The peer's allowed-address routes a subnet that `target` has connected on a non-WireGuard
   * interface (its LAN) and `router` does not have itself. A default route (/0) is no evidence.
   */
  function routesLanOf(peer: WgPeer, router: RouterNode, target: RouterNode): boolean {
    const lans = lanSubnets(target);
    const own = lanSubnets(router);
    return peer.allowed.some((e) => {
      const p = e.prefix;
      if (!p || p.length === 0) return false;
      return lans.some((lan) => contains(p, lan) && !own.some((o) => overlaps(o, lan)));
    });
  }

  /** Subnets connected on the router's enabled, certain non-WireGuard addresses. */
  function lanSubnets(router: RouterNode): Bounds[] {
    let list = lanCache.get(router);
    if (!list) {
      list = [];
      for (const a of router.addresses.all) {
        if (a.disabled || a.uncertain || a.interface === undefined || router.view.interfacesByName.has(a.interface)) continue;
        list.push(...a.connected);
      }
      lanCache.set(router, list);
    }
    return list;
  }

  /** The literal endpoint-addresses `iface`'s peers dial, as `family:value` keys (once per interface: a hub is asked by every client). */
  function dialledAddressKeys(iface: WgInterface): Set<string> {
    let set = dialled.get(iface);
    if (!set) {
      set = new Set();
      for (const q of peersByIface.get(iface) ?? []) {
        const e = certainEndpoint(q);
        const a = e ? parseAddress(e) : undefined;
        if (a) set.add(addressKey(a.family, a.value));
      }
      dialled.set(iface, set);
    }
    return set;
  }

  function pairByEndpoint(router: RouterNode, iface: WgInterface, peer: WgPeer): Link | undefined {
    const endpoint = certainEndpoint(peer);
    const ip = endpoint ? parseAddress(endpoint) : undefined;
    if (!ip) return undefined; // host names are not resolved
    const key = addressKey(ip.family, ip.value);
    const owners = (outsideOwners ??= outsideAddressOwners(routers)).get(key) ?? [];
    if (owners.length !== 1 || owners[0] === router) return undefined;
    const target = owners[0]!;
    const own = ownAddressKeys(router);
    const tunnel = router.tunnelAddresses.get(iface) ?? [];
    let candidates = [...target.tunnelAddresses.keys()].filter((j) => {
      if (peer.publicKey !== undefined && peerKeysOf(j).has(peer.publicKey)) return false;
      const table = tableOf(j);
      if (tunnel.some((t) => table.longestAccepting(t.family, t.value) >= 0)) return true;
      const dialled = dialledAddressKeys(j);
      for (const k of own) if (dialled.has(k)) return true;
      return false;
    });
    if (candidates.length > 1 && peer.endpointPort !== undefined) candidates = candidates.filter((j) => j.listenPort === peer.endpointPort);
    if (candidates.length !== 1) return undefined; // ambiguous: better no pair than a wrong one
    return { router, iface, peer, target, targetIface: candidates[0]!, method: 'endpoint', endpoint };
  }

  completeKeyPairs(links, unpaired);
  return { routers, routerOf, links, ...tunnelsOf(links), unpaired };
}

/**
 * A peer paired by key whose far end has no link back: when exactly one unpaired peer of the far
 * interface accepts this interface's address, that peer is the way back (its own addressing may
 * fail only because of the mistake the rules are about, e.g. a client Address the server does not
 * allow). Its link is recorded as paired by addressing.
 */
export function completeKeyPairs(links: Link[], unpaired: Topology['unpaired']): void {
  const linked = new Set(links.map((l) => l.peer));
  const pointsBack = new Map<WgInterface, Set<WgInterface>>();
  for (const l of links) {
    const set = pointsBack.get(l.iface);
    if (set) set.add(l.targetIface);
    else pointsBack.set(l.iface, new Set([l.targetIface]));
  }
  const unpairedByIface = new Map<WgInterface, Topology['unpaired']>();
  for (const u of unpaired) {
    const list = unpairedByIface.get(u.iface);
    if (list) list.push(u);
    else unpairedByIface.set(u.iface, [u]);
  }
  for (const l of [...links]) {
    if (l.method !== 'key') continue;
    if (pointsBack.get(l.targetIface)?.has(l.iface)) continue;
    const own = l.router.tunnelAddresses.get(l.iface) ?? [];
    const candidates = (unpairedByIface.get(l.targetIface) ?? []).filter(
      (u) =>
        !linked.has(u.peer) &&
        (l.iface.publicKey === undefined || u.peer.publicKey === l.iface.publicKey) &&
        own.some((t) => u.peer.allowed.some((e) => e.prefix !== undefined && e.prefix.family === t.family && e.prefix.first <= t.value && t.value <= e.prefix.last)),
    );
    if (candidates.length !== 1) continue;
    const u = candidates[0]!;
    links.push({ router: u.router, iface: u.iface, peer: u.peer, target: l.router, targetIface: l.iface, method: 'address' });
    linked.add(u.peer);
    unpaired.splice(unpaired.indexOf(u), 1);
  }
}

/** Tunnels: a link and a link of the target's interface pointing back at this interface; the rest are one-sided. */
export function tunnelsOf(links: readonly Link[]): { tunnels: Tunnel[]; oneSided: Link[] } {
  // Index: from-interface → to-interface → links (interfaces are unique objects across routers).
  const byEnds = new Map<WgInterface, Map<WgInterface, Link[]>>();
  for (const l of links) {
    let inner = byEnds.get(l.iface);
    if (!inner) byEnds.set(l.iface, (inner = new Map()));
    const list = inner.get(l.targetIface);
    if (list) list.push(l);
    else inner.set(l.targetIface, [l]);
  }
  const used = new Set<Link>();
  const tunnels: Tunnel[] = [];
  const oneSided: Link[] = [];
  for (const l of links) {
    if (used.has(l)) continue;
    const back = byEnds.get(l.targetIface)?.get(l.iface)?.find((b) => !used.has(b) && b !== l);
    if (!back) {
      oneSided.push(l);
      continue;
    }
    used.add(l);
    used.add(back);
    tunnels.push({ a: l, b: back });
  }
  return { tunnels, oneSided };
}
