/**
 * One matcher of a filter rule against a described packet: `yes`, `no` or `unknown`.
 *
 * Modelled: protocol, src-/dst-address (prefixes, ranges), src-/dst-port and port (lists,
 * ranges), in-/out-interface, in-/out-interface-list, connection-state, connection-nat-state,
 * src-/dst-address-list, ipsec-policy, icmp-options. `!value` negates. Every other matcher, and
 * any value that is not known statically, answers `unknown` — never a silent match or miss.
 */
import type { PropertyValue, RouterConfig } from '../../model/types.js';
import { splitList } from '../../model/values.js';
import { type Tri, listMembership } from '../interface-lists.js';
import type { Bounds, IpFamily } from '../prefix.js';
import { addressListMembership, parseAddressOrRange } from './address-lists.js';
import type { FilterRule } from './filter-rules.js';
import { type PacketDescription, setWithin, setsOverlap } from './packet.js';

export interface RuleMatch {
  result: Tri;
  /** Matchers that answered `unknown` (names), for messages. */
  unknown: string[];
}

const PROTOCOL_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['icmp', 1],
  ['igmp', 2],
  ['ggp', 3],
  ['ip-encap', 4],
  ['st', 5],
  ['tcp', 6],
  ['egp', 8],
  ['pup', 12],
  ['udp', 17],
  ['hmp', 20],
  ['xns-idp', 22],
  ['rdp', 27],
  ['iso-tp4', 29],
  ['dccp', 33],
  ['xtp', 36],
  ['ddp', 37],
  ['idpr-cmtp', 38],
  ['ipv6-encap', 41],
  ['ipv6-route', 43],
  ['ipv6-frag', 44],
  ['idrp', 45],
  ['rsvp', 46],
  ['gre', 47],
  ['ipsec-esp', 50],
  ['ipsec-ah', 51],
  ['icmpv6', 58],
  ['ipv6-nonxt', 59],
  ['ipv6-opts', 60],
  ['rspf', 73],
  ['vmtp', 81],
  ['ospf', 89],
  ['ipip', 94],
  ['etherip', 97],
  ['encap', 98],
  ['pim', 103],
  ['vrrp', 112],
  ['l2tp', 115],
  ['sctp', 132],
  ['udp-lite', 136],
]);

const PORT_PROTOCOLS: ReadonlySet<number> = new Set([6, 17, 33, 132, 136]);

/** Protocol name or number → number; undefined when unknown. */
export function protocolNumber(text: string): number | undefined {
  if (/^\d{1,3}$/.test(text)) {
    const n = Number(text);
    return n <= 255 ? n : undefined;
  }
  return PROTOCOL_NUMBERS.get(text.toLowerCase());
}

export function negate(t: Tri): Tri {
  return t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'unknown';
}

/** Port list `22,80,8000-8100` → inclusive ranges; undefined when malformed. */
export function parsePorts(text: string): [number, number][] | undefined {
  const out: [number, number][] = [];
  for (const part of splitList(text)) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    if (a > 65535 || b > 65535 || a > b) return undefined;
    out.push([a, b]);
  }
  return out.length > 0 ? out : undefined;
}

/** Address value (comma list of prefixes / ranges) → bounds; undefined when any part is not one. */
export function parseAddressValue(text: string, family: IpFamily): Bounds[] | undefined {
  const out: Bounds[] = [];
  for (const part of splitList(text)) {
    const b = parseAddressOrRange(part, family);
    if (!b) return undefined;
    out.push(b);
  }
  return out.length > 0 ? out : undefined;
}

function addressIn(set: readonly Bounds[], of: readonly Bounds[]): Tri {
  if (setWithin(set, of)) return 'yes';
  if (!setsOverlap(set, of)) return 'no';
  return 'unknown';
}

function packetProtocol(packet: PacketDescription): number | undefined {
  return packet.protocol === undefined ? undefined : protocolNumber(packet.protocol);
}

function portMatch(packet: PacketDescription, ports: [number, number][], which: 'src' | 'dst' | 'any'): Tri {
  const proto = packetProtocol(packet);
  if (proto !== undefined && !PORT_PROTOCOLS.has(proto)) return 'no';
  const inRanges = (p: number | undefined): Tri =>
    p === undefined ? 'unknown' : ports.some(([a, b]) => a <= p && p <= b) ? 'yes' : 'no';
  if (which === 'src') return inRanges(packet.srcPort);
  if (which === 'dst') return inRanges(packet.dstPort);
  const s = inRanges(packet.srcPort);
  const d = inRanges(packet.dstPort);
  return s === 'yes' || d === 'yes' ? 'yes' : s === 'no' && d === 'no' ? 'no' : 'unknown';
}

const STATES = new Set(['new', 'established', 'related', 'invalid', 'untracked']);

/** A single matcher's answer before negation. */
function matchPositive(config: RouterConfig, family: IpFamily, name: string, text: string, packet: PacketDescription): Tri {
  switch (name) {
    case 'protocol': {
      const want = protocolNumber(text);
      const have = packetProtocol(packet);
      if (want === undefined || have === undefined) return 'unknown';
      return want === have ? 'yes' : 'no';
    }
    case 'src-address':
    case 'dst-address': {
      const of = parseAddressValue(text, family);
      if (!of) return 'unknown';
      return addressIn(name === 'src-address' ? packet.src : packet.dst, of);
    }
    case 'src-port':
    case 'dst-port':
    case 'port': {
      const ports = parsePorts(text);
      if (!ports) return 'unknown';
      return portMatch(packet, ports, name === 'port' ? 'any' : name === 'src-port' ? 'src' : 'dst');
    }
    case 'in-interface':
    case 'out-interface': {
      const iface = name === 'in-interface' ? packet.inInterface : packet.outInterface;
      // Wildcards and v6-style groups (`all-ethernet`) are not modelled.
      if (iface === undefined || text.includes('*') || text.startsWith('all-')) return 'unknown';
      return iface === text ? 'yes' : 'no';
    }
    case 'in-interface-list':
    case 'out-interface-list':
      return listMembership(config, text, name === 'in-interface-list' ? packet.inInterface : packet.outInterface);
    case 'connection-state': {
      const states = splitList(text);
      if (states.length === 0 || states.some((s) => !STATES.has(s))) return 'unknown';
      if (packet.connectionState === undefined) return 'unknown';
      return states.includes(packet.connectionState) ? 'yes' : 'no';
    }
    case 'connection-nat-state': {
      const kinds = splitList(text);
      if (kinds.length === 0 || kinds.some((k) => k !== 'srcnat' && k !== 'dstnat')) return 'unknown';
      if (packet.natState === undefined) return 'unknown';
      return kinds.some((k) => packet.natState![k as 'srcnat' | 'dstnat']) ? 'yes' : 'no';
    }
    case 'src-address-list':
    case 'dst-address-list':
      return addressListMembership(config, family, text, name === 'src-address-list' ? packet.src : packet.dst);
    case 'ipsec-policy': {
      const m = /^(in|out),(ipsec|none)$/.exec(text);
      if (!m) return 'unknown';
      const matched = m[1] === 'in' ? packet.ipsecIn : packet.ipsecOut;
      if (matched === undefined) return 'unknown';
      return matched === (m[2] === 'ipsec') ? 'yes' : 'no';
    }
    case 'icmp-options': {
      const proto = packetProtocol(packet);
      // Only ICMP packets carry a type/code; the packet descriptions never fix one.
      if (proto !== undefined && proto !== 1 && proto !== 58) return 'no';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

/** Matcher names the evaluator understands (everything else is `unknown`). */
export const MODELLED_MATCHERS: ReadonlySet<string> = new Set([
  'protocol',
  'src-address',
  'dst-address',
  'src-port',
  'dst-port',
  'port',
  'in-interface',
  'out-interface',
  'in-interface-list',
  'out-interface-list',
  'connection-state',
  'connection-nat-state',
  'src-address-list',
  'dst-address-list',
  'ipsec-policy',
  'icmp-options',
]);

export function matchValue(config: RouterConfig, family: IpFamily, name: string, value: PropertyValue, packet: PacketDescription): Tri {
  if (value.dynamic) return 'unknown';
  const t = matchPositive(config, family, name, value.text, packet);
  const r = value.negated ? negate(t) : t;
  // A value set under control flow may not be the one on the router.
  return value.uncertain && r !== 'unknown' ? 'unknown' : r;
}

/** All matchers of a rule (AND): `no` if any says no, else `unknown` if any cannot tell. */
export function matchRule(config: RouterConfig, rule: FilterRule, packet: PacketDescription): RuleMatch {
  const unknown: string[] = [];
  for (const [name, value] of rule.matchers) {
    const r = matchValue(config, rule.family, name, value, packet);
    if (r === 'no') return { result: 'no', unknown: [] };
    if (r === 'unknown') unknown.push(name);
  }
  if (rule.uncertain || rule.disabled === 'unknown') unknown.push('(set under control flow)');
  return { result: unknown.length > 0 ? 'unknown' : 'yes', unknown };
}
