/**
 * The WireGuard questions asked of the firewall, answered once per file:
 *  - handshakes: does a new UDP packet to a WireGuard listen-port, arriving on a WAN interface,
 *    get through the input chain (IPv4, and IPv6 when a WAN interface has a global IPv6 address)?
 *  - forwarding: do new connections from the tunnel to a LAN interface, and back, get through
 *    the forward chain (per family the tunnel carries)?
 *  - services: can tunnel peers reach the router itself (DNS when the router offers it; any
 *    service when a peer looks like a road-warrior client)?
 * Only definite drops are findings: an `unknown` verdict is never reported.
 */
import type { RouterConfig } from '../../model/types.js';
import { addressIndex, addressesOn } from '../addresses.js';
import { interfaceLists, listMembership } from '../interface-lists.js';
import type { Bounds, IpFamily } from '../prefix.js';
import { parseAddress } from '../prefix.js';
import { routeGoesVia, routingAnalysis } from '../routes.js';
import { type WgInterface, type WgPeer, wireguardView } from '../wireguard.js';
import { type FirewallVerdict, evaluateChain } from './chain-walk.js';
import { type FilterRule, TERMINAL_ACTIONS, chainRules, filterTable } from './filter-rules.js';
import { hasGlobalIpv6, interfaceRoles } from './interface-roles.js';
import { matchRule, matchValue } from './matchers.js';
import { type PacketDescription, anyAddress, excluding, nonLoopback } from './packet.js';

export interface BlockedHandshake {
  wg: WgInterface;
  family: IpFamily;
  port: number;
  /** Every enabled peer has an endpoint: the router starts the handshakes itself. */
  initiatorOnly: boolean;
  /** The WAN interfaces checked (undefined = an unnamed WAN interface of a partial script). */
  wan: (string | undefined)[];
  verdict: FirewallVerdict;
  /** The rule that drops the handshake. */
  dropping: FilterRule;
  /** The input-chain rule a new accept must precede (the drop itself, or the jump leading to it). */
  insertBefore: FilterRule;
  /** An accept rule for the handshake that comes after the drop. */
  lateAccept?: FilterRule;
  /** A disabled accept rule that would have let the handshake in. */
  disabledAccept?: FilterRule;
}

export interface BlockedForwarding {
  wg: WgInterface;
  family: IpFamily;
  direction: 'from-tunnel' | 'to-tunnel';
  /** The LAN interfaces checked (undefined = an unnamed LAN interface of a partial script). */
  lan: (string | undefined)[];
  verdict: FirewallVerdict;
  dropping: FilterRule;
}

export interface BlockedService {
  wg: WgInterface;
  family: IpFamily;
  reason: 'dns' | 'road-warrior';
  /** What was probed, for messages: `DNS (udp/53)` or `router services`. */
  service: string;
  verdict: FirewallVerdict;
  dropping: FilterRule;
}

export interface WireGuardFirewall {
  handshakes: BlockedHandshake[];
  forwarding: BlockedForwarding[];
  services: BlockedService[];
}

const NOT_NATED = { srcnat: false, dstnat: false };

/**
 * The first packet of a new connection, neither NATed nor IPsec-protected. An interface left
 * undefined is not known (absent, not `undefined`). Assigned one by one: object spreads of
 * optional parts made this a visible cost across a 1,000-router network.
 */
function newConnection(
  family: IpFamily,
  protocol: 'udp' | 'tcp',
  src: Bounds[],
  dst: Bounds[],
  inInterface: string | undefined,
  outInterface: string | undefined,
  dstPort?: number,
): PacketDescription {
  const packet: PacketDescription = { family, protocol, src, dst, connectionState: 'new', natState: NOT_NATED, ipsecIn: false, ipsecOut: false };
  if (inInterface !== undefined) packet.inInterface = inInterface;
  if (outInterface !== undefined) packet.outInterface = outInterface;
  if (dstPort !== undefined) packet.dstPort = dstPort;
  return packet;
}

/**
 * May the file's firewall be judged for `chain`? With interface lists in the file, yes; a partial
 * script without them only when the chain drops unconditionally somewhere.
 */
export function chainJudgeable(config: RouterConfig, family: IpFamily, chain: string): boolean {
  if (interfaceLists(config).hasListSection) return true;
  return chainRules(filterTable(config, family), chain).some(
    (r) => r.disabled === 'no' && !r.uncertain && r.matchers.size === 0 && r.action !== undefined && TERMINAL_ACTIONS.get(r.action) === 'drop',
  );
}

function enabledPeers(config: RouterConfig, wg: WgInterface): WgPeer[] {
  return (wireguardView(config).peersByInterface.get(wg.name) ?? []).filter((p) => !p.disabled);
}

function hasEndpoint(p: WgPeer): boolean {
  const v = p.endpointAddressValue;
  return v !== undefined && v.text !== '' && !p.responder;
}

/** Literal endpoint addresses of the peers, when every peer has one of `family`. */
function endpointSet(peers: WgPeer[], family: IpFamily): Bounds[] | undefined {
  const out: Bounds[] = [];
  for (const p of peers) {
    const v = p.endpointAddressValue;
    if (!v || v.dynamic) return undefined;
    const a = parseAddress(v.text);
    if (!a || a.family !== family) return undefined;
    out.push({ family, first: a.value, last: a.value });
  }
  return out.length > 0 ? out : undefined;
}

/** Subnets connected to the WireGuard interface (not a whole-family `/0`). */
function tunnelSubnets(config: RouterConfig, wg: WgInterface, family: IpFamily): Bounds[] {
  return addressesOn(addressIndex(config), wg.name, family)
    .filter((a) => !a.disabled && !a.uncertain)
    .flatMap((a) => a.connected)
    .filter((b) => !(b.first === 0n && b.last === anyAddress(family)[0]!.last));
}

function carriesFamily(config: RouterConfig, wg: WgInterface, peers: WgPeer[], family: IpFamily): boolean {
  if (addressesOn(addressIndex(config), wg.name, family).length > 0) return true;
  return peers.some((p) => p.allowed.some((a) => a.prefix?.family === family));
}

/**
 * Is the tunnel an upstream of `family` (a VPN provider, a hub that carries the Internet), so that
 * new connections from it into the LAN are meant to be dropped, as from a WAN? Yes when a default
 * route of that family (any routing table) leaves through it, or when the interface is in the WAN
 * list AND has a full-tunnel peer (0.0.0.0/0 or ::/0) with an endpoint it dials. WAN membership
 * alone is not enough: that is the very mistake the forward check exists for; a full-tunnel peer
 * alone is not either: without a route through it, 0.0.0.0/0 is the accept-any-source idiom.
 */
function isUpstream(config: RouterConfig, wg: WgInterface, peers: WgPeer[], family: IpFamily): boolean {
  try {
    const viaDefault = routingAnalysis(config).routes.some(
      (r) => r.family === family && r.length === 0 && r.dst !== undefined && !r.blackhole && !r.uncertain && routeGoesVia(r, wg.name),
    );
    if (viaDefault) return true;
  } catch {
    // No routing verdict: the peer and list signals below still count.
  }
  const fullTunnel = peers.some((p) => hasEndpoint(p) && p.allowed.some((a) => a.prefix?.family === family && a.prefix.length === 0));
  return fullTunnel && listMembership(config, 'WAN', wg.name) === 'yes';
}

/** The chain verdict for each interface; a definite drop only when every one of them drops. */
function dropForAll(
  config: RouterConfig,
  family: IpFamily,
  chain: string,
  packets: PacketDescription[],
): { verdict: FirewallVerdict; dropping: FilterRule } | undefined {
  let first: { verdict: FirewallVerdict; dropping: FilterRule } | undefined;
  for (const p of packets) {
    const v = evaluateChain(config, family, chain, p);
    if (v.verdict !== 'drop' || !v.deciding) return undefined;
    first ??= { verdict: v, dropping: v.deciding };
  }
  return first;
}

/** Accept rules of `chain` that would take the packet but come too late or are disabled. */
function acceptsFor(config: RouterConfig, family: IpFamily, chain: string, packet: PacketDescription, after: FilterRule) {
  let lateAccept: FilterRule | undefined;
  let disabledAccept: FilterRule | undefined;
  for (const r of chainRules(filterTable(config, family), chain)) {
    if (r.action !== 'accept') continue;
    const m = matchRule(config, r, packet);
    const portSaysYes = ['dst-port', 'port'].some((k) => {
      const v = r.matchers.get(k);
      return v !== undefined && matchValue(config, family, k, v, packet) === 'yes';
    });
    if (m.result === 'no' || (m.result === 'unknown' && !portSaysYes)) continue;
    if (r.disabled === 'yes') disabledAccept ??= r;
    else if (r.position > after.position) lateAccept ??= r;
  }
  return { lateAccept, disabledAccept };
}

function handshakes(config: RouterConfig): BlockedHandshake[] {
  const out: BlockedHandshake[] = [];
  const roles = interfaceRoles(config);
  const lists = interfaceLists(config);
  for (const wg of wireguardView(config).interfaces) {
    const port = wg.listenPort;
    const portValue = wg.listenPortValue;
    if (wg.disabled || wg.item.uncertain || !port || !portValue || portValue.dynamic || portValue.uncertain) continue;
    const peers = enabledPeers(config, wg);
    if (peers.length === 0) continue;
    const initiatorOnly = peers.every(hasEndpoint);
    for (const family of [4, 6] as IpFamily[]) {
      if (!chainJudgeable(config, family, 'input')) continue;
      let wan: (string | undefined)[] = roles.wan;
      if (wan.length === 0) {
        if (lists.hasListSection) continue;
        wan = [undefined];
      }
      if (family === 6 && !wan.some((w) => w !== undefined && hasGlobalIpv6(config, w))) continue;
      if (family === 6) wan = wan.filter((w) => w !== undefined && hasGlobalIpv6(config, w));
      // A router that only initiates to literal endpoints of the other family never gets a
      // handshake over this one.
      if (initiatorOnly && endpointSet(peers, family === 4 ? 6 : 4) !== undefined) continue;
      // A handshake's outer source is a peer's endpoint, never an address of the tunnel's own
      // subnet (replies to it would be routed into the tunnel): `src-address=<wg subnet>` rules,
      // meant for traffic inside the tunnel, do not accept it.
      const src = (initiatorOnly ? endpointSet(peers, family) : undefined) ?? excluding(anyAddress(family), tunnelSubnets(config, wg, family));
      const dst = nonLoopback(family);
      const packets = wan.map((w) => newConnection(family, 'udp', src, dst, w, undefined, port));
      const hit = dropForAll(config, family, 'input', packets);
      if (!hit) continue;
      const extra = acceptsFor(config, family, hit.dropping.chain ?? 'input', packets[0]!, hit.dropping);
      out.push({
        wg,
        family,
        port,
        initiatorOnly,
        wan,
        verdict: hit.verdict,
        dropping: hit.dropping,
        insertBefore: hit.verdict.jumps[0] ?? hit.dropping,
        ...(extra.lateAccept ? { lateAccept: extra.lateAccept } : {}),
        ...(extra.disabledAccept ? { disabledAccept: extra.disabledAccept } : {}),
      });
    }
  }
  return out;
}

function forwarding(config: RouterConfig): BlockedForwarding[] {
  const out: BlockedForwarding[] = [];
  const roles = interfaceRoles(config);
  const lists = interfaceLists(config);
  for (const wg of wireguardView(config).interfaces) {
    if (wg.disabled || wg.item.uncertain) continue;
    const peers = enabledPeers(config, wg);
    if (peers.length === 0) continue;
    for (const family of [4, 6] as IpFamily[]) {
      if (!carriesFamily(config, wg, peers, family) || !chainJudgeable(config, family, 'forward')) continue;
      let lan: (string | undefined)[] = roles.lan.filter((l) => l !== wg.name);
      if (lan.length === 0) {
        if (lists.hasListSection) continue;
        // A whole export without interface lists: its local side is whatever is addressed and not
        // WAN (a VPS with only its uplink and tunnels has none, and forwards nothing by design).
        // A fragment may leave its interfaces out, so there any interface counts.
        lan = config.isExport ? localInterfaces(config, family, roles.wan) : [undefined];
        if (lan.length === 0) continue;
      }
      // From an upstream tunnel into the LAN is dropped on purpose, exactly like from the WAN.
      const directions = isUpstream(config, wg, peers, family) ? (['to-tunnel'] as const) : (['from-tunnel', 'to-tunnel'] as const);
      const any = anyAddress(family);
      for (const direction of directions) {
        const packets = lan.map((l) =>
          direction === 'from-tunnel' ? newConnection(family, 'tcp', any, any, wg.name, l) : newConnection(family, 'tcp', any, any, l, wg.name),
        );
        const hit = dropForAll(config, family, 'forward', packets);
        if (hit) out.push({ wg, family, direction, lan, verdict: hit.verdict, dropping: hit.dropping });
      }
    }
  }
  return out;
}

/** Interfaces with an address of `family` that are neither WAN, WireGuard nor loopback. */
function localInterfaces(config: RouterConfig, family: IpFamily, wan: readonly string[]): string[] {
  const wg = new Set(wireguardView(config).interfaces.map((i) => i.name));
  const out: string[] = [];
  for (const [name, addrs] of addressIndex(config).byInterface) {
    if (name === 'lo' || wg.has(name) || wan.includes(name)) continue;
    if (addrs.some((a) => a.family === family && !a.disabled)) out.push(name);
  }
  return out.sort();
}

function offersDns(config: RouterConfig): boolean {
  const v = config.singleton('/ip/dns')?.props.get('allow-remote-requests');
  return v !== undefined && !v.dynamic && (v.text === 'yes' || v.text === 'true');
}

/** A peer without an endpoint whose allowed-address is only host addresses: a remote client. */
function looksLikeRoadWarrior(p: WgPeer): boolean {
  if (hasEndpoint(p) || p.allowed.length === 0) return false;
  return p.allowed.every((a) => a.prefix !== undefined && a.prefix.length === (a.prefix.family === 4 ? 32 : 128));
}

function services(config: RouterConfig): BlockedService[] {
  const out: BlockedService[] = [];
  const dns = offersDns(config);
  for (const wg of wireguardView(config).interfaces) {
    if (wg.disabled || wg.item.uncertain) continue;
    const peers = enabledPeers(config, wg);
    if (peers.length === 0) continue;
    const reason = dns ? 'dns' : peers.some(looksLikeRoadWarrior) ? 'road-warrior' : undefined;
    if (!reason) continue;
    for (const family of [4, 6] as IpFamily[]) {
      if (family === 6 && reason === 'dns') continue; // `/ip dns` answers over IPv4 tunnel addresses
      if (!carriesFamily(config, wg, peers, family) || !chainJudgeable(config, family, 'input')) continue;
      const packet = newConnection(family, reason === 'dns' ? 'udp' : 'tcp', anyAddress(family), nonLoopback(family), wg.name, undefined, reason === 'dns' ? 53 : undefined);
      const hit = dropForAll(config, family, 'input', [packet]);
      if (hit) out.push({ wg, family, reason, service: reason === 'dns' ? 'DNS (udp/53)' : 'the router (Winbox, SSH, DNS…)', verdict: hit.verdict, dropping: hit.dropping });
    }
  }
  return out;
}

const cache = new WeakMap<RouterConfig, WireGuardFirewall>();

/** The WireGuard firewall findings of one file (computed once, shared by the firewall rules). */
export function wireguardFirewall(config: RouterConfig): WireGuardFirewall {
  const hit = cache.get(config);
  if (hit) return hit;
  let result: WireGuardFirewall;
  try {
    result = { handshakes: handshakes(config), forwarding: forwarding(config), services: services(config) };
  } catch {
    result = { handshakes: [], forwarding: [], services: [] };
  }
  cache.set(config, result);
  return result;
}
