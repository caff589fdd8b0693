/**
 * The filter-rule reading and matchers as they were before matchers were parsed once per rule
 * (roslint 1e00499): every matcher text parsed on every packet, a rule's properties read with one
 * get() each and then iterated. The chain walk itself did not change: with the same rules and the
 * same rule matches it takes the same path. Kept as the reference the firewall perf-equivalence
 * test compares against. Not used by code.
 */
import type { Item, PropertyValue, RouterConfig } from '../src/model/types.js';
import { splitList } from '../src/model/values.js';
import { type Tri, listMembership } from '../src/analysis/interface-lists.js';
import type { IpFamily } from '../src/analysis/prefix.js';
import { FILTER_MENUS, ruleFrom, type FilterRule } from '../src/analysis/firewall/filter-rules.js';
import { negate, parseAddressValue, parsePorts, protocolNumber } from '../src/analysis/firewall/matchers.js';
import type { PacketDescription } from '../src/analysis/firewall/packet.js';
import { setWithin, setsOverlap } from '../src/analysis/firewall/packet.js';
import { addressListMembership } from './address-lists-legacy.js';

const NON_MATCHERS: ReadonlySet<string> = new Set(['action', 'chain', 'comment', 'disabled', 'log', 'log-prefix', 'jump-target', 'reject-with', 'address-list', 'address-list-timeout', 'hw-offload']);

function readRule(item: Item, family: IpFamily, position: number): FilterRule {
  const matchers = new Map<string, PropertyValue>();
  for (const [name, value] of item.props) if (!NON_MATCHERS.has(name)) matchers.set(name, value);
  const get = (name: string) => item.props.get(name);
  return ruleFrom(item, family, position, { chain: get('chain'), action: get('action'), jump: get('jump-target'), disabled: get('disabled'), comment: get('comment'), matchers });
}

export function filterRules(config: RouterConfig, family: IpFamily): FilterRule[] {
  return config.items(FILTER_MENUS[family]).map((item, i) => readRule(item, family, i));
}

const PORT_PROTOCOLS: ReadonlySet<number> = new Set([6, 17, 33, 132, 136]);
const STATES = new Set(['new', 'established', 'related', 'invalid', 'untracked']);

function packetProtocol(packet: PacketDescription): number | undefined {
  return packet.protocol === undefined ? undefined : protocolNumber(packet.protocol);
}

function portMatch(packet: PacketDescription, ports: [number, number][], which: 'src' | 'dst' | 'any'): Tri {
  const proto = packetProtocol(packet);
  if (proto !== undefined && !PORT_PROTOCOLS.has(proto)) return 'no';
  const inRanges = (p: number | undefined): Tri => (p === undefined ? 'unknown' : ports.some(([a, b]) => a <= p && p <= b) ? 'yes' : 'no');
  if (which === 'src') return inRanges(packet.srcPort);
  if (which === 'dst') return inRanges(packet.dstPort);
  const s = inRanges(packet.srcPort);
  const d = inRanges(packet.dstPort);
  return s === 'yes' || d === 'yes' ? 'yes' : s === 'no' && d === 'no' ? 'no' : 'unknown';
}

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
      const set = name === 'src-address' ? packet.src : packet.dst;
      return setWithin(set, of) ? 'yes' : !setsOverlap(set, of) ? 'no' : 'unknown';
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
      if (proto !== undefined && proto !== 1 && proto !== 58) return 'no';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

export function matchValue(config: RouterConfig, family: IpFamily, name: string, value: PropertyValue, packet: PacketDescription): Tri {
  if (value.dynamic) return 'unknown';
  const t = matchPositive(config, family, name, value.text, packet);
  const r = value.negated ? negate(t) : t;
  return value.uncertain && r !== 'unknown' ? 'unknown' : r;
}

export function matchRule(config: RouterConfig, rule: FilterRule, packet: PacketDescription): { result: Tri; unknown: string[] } {
  const unknown: string[] = [];
  for (const [name, value] of rule.matchers) {
    const r = matchValue(config, rule.family, name, value, packet);
    if (r === 'no') return { result: 'no', unknown: [] };
    if (r === 'unknown') unknown.push(name);
  }
  if (rule.uncertain || rule.disabled === 'unknown') unknown.push('(set under control flow)');
  return { result: unknown.length > 0 ? 'unknown' : 'yes', unknown };
}
