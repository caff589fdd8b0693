/**
 * Pairing as it was before the network-wide acceptance index (roslint 2681d8c, pairing.ts), kept as
 * the reference the topology perf-equivalence test compares against. Not used by code.
 */
import type { RouterConfig } from '../src/model/types.js';
// The result types, the completion of key pairs and the tunnels are today's; only the search below is the old one.
import { completeKeyPairs, tunnelsOf, type Link, type PairMethod, type Topology } from '../src/analysis/topology/pairing.js';
import { type Bounds, contains, overlaps, parseAddress } from '../src/analysis/prefix.js';
import { type AllowedAddress, type WgInterface, type WgPeer, certain } from '../src/analysis/wireguard.js';
import { AllowedPrefixTable, TunnelAddressIndex, interfacesByPublicKey, outsideAddressOwners } from '../src/analysis/topology/indexes.js';
import { addressKey, reachability } from '../src/analysis/topology/reachability.js';
import { type RouterNode, buildRouters } from '../src/analysis/topology/routers.js';

interface AddressCandidate {
  target: RouterNode;
  targetIface: WgInterface;
  via: AllowedAddress;
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
      // Candidates at this specificity, ranked by how specifically they accept this router back.
      let best: { target: RouterNode; iface: WgInterface } | undefined;
      let bestBack = -1;
      let tie = false;
      const seen = new Set<WgInterface>();
      for (const t of addressIndex.within(entry.prefix!)) {
        if (t.router === router || seen.has(t.iface)) continue;
        seen.add(t.iface);
        if (peer.publicKey !== undefined && peerKeysOf(t.iface).has(peer.publicKey)) continue;
        const back = acceptsBack(t.iface, router, iface);
        if (back < 0 || back < bestBack) continue;
        tie = back === bestBack;
        if (!tie) {
          best = { target: t.router, iface: t.iface };
          bestBack = back;
        }
      }
      if (best && tie) return undefined; // ambiguous: better no pair than a wrong one
      if (best) return { target: best.target, targetIface: best.iface, via: entry };
    }
    return undefined;
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
    const back = (peersByIface.get(targetIface) ?? []).filter((q) => {
      const c = addressCandidateOf(target, targetIface, q);
      return c !== undefined && c.targetIface === iface;
    });
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
    const value = certain(peer.endpointAddressValue);
    const ip = value && value.text !== '' ? parseAddress(value.text) : undefined;
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

  function pairByEndpoint(router: RouterNode, iface: WgInterface, peer: WgPeer): Link | undefined {
    const value = certain(peer.endpointAddressValue);
    const ip = value && value.text !== '' ? parseAddress(value.text) : undefined;
    if (!value || !ip) return undefined; // host names are not resolved
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
      return (peersByIface.get(j) ?? []).some((q) => {
        const e = certain(q.endpointAddressValue);
        const a = e && e.text !== '' ? parseAddress(e.text) : undefined;
        return a !== undefined && own.has(addressKey(a.family, a.value));
      });
    });
    if (candidates.length > 1 && peer.endpointPort !== undefined) candidates = candidates.filter((j) => j.listenPort === peer.endpointPort);
    if (candidates.length !== 1) return undefined; // ambiguous: better no pair than a wrong one
    return { router, iface, peer, target, targetIface: candidates[0]!, method: 'endpoint', endpoint: value.text };
  }

  completeKeyPairs(links, unpaired);
  return { routers, routerOf, links, ...tunnelsOf(links), unpaired };
}
