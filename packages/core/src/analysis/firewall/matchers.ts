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
import { type PacketDescription, setWithinSorted, setsOverlap, sortedByFirst } from './packet.js';
import { SharedByValue } from './shared-by-value.js';

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
  // Names are the common case: the map first (no name is all digits).
  const named = PROTOCOL_NUMBERS.get(text.toLowerCase());
  if (named !== undefined || !/^\d{1,3}$/.test(text)) return named;
  const n = Number(text);
  return n <= 255 ? n : undefined;
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

/** `sorted` is `of` in ascending order (setWithinSorted); overlap does not care about order. */
function addressIn(set: readonly Bounds[], sorted: readonly Bounds[]): Tri {
  if (setWithinSorted(set, sorted)) return 'yes';
  if (!setsOverlap(set, sorted)) return 'no';
  return 'unknown';
}

function packetProtocol(packet: PacketDescription): number | undefined {
  const p = packet.protocol;
  if (p === undefined) return undefined;
  // Packets name their protocol (`udp`, `tcp`); the map answers those before the number regex.
  return PROTOCOL_NUMBERS.get(p) ?? protocolNumber(p);
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

/** A matcher with its value already parsed: its answer for one packet. */
export type MatcherTest = (config: RouterConfig, packet: PacketDescription) => Tri;

const ALWAYS_UNKNOWN: MatcherTest = () => 'unknown';

/**
 * A single matcher's test before negation. Everything that depends only on the value (ports,
 * addresses, state lists…) is parsed here, once; the test looks only at the packet (and at the
 * config's interface and address lists, which are cached per config).
 */
function compilePositive(family: IpFamily, name: string, text: string): MatcherTest {
  switch (name) {
    case 'protocol': {
      const want = protocolNumber(text);
      if (want === undefined) return ALWAYS_UNKNOWN;
      return (_config, packet) => {
        const have = packetProtocol(packet);
        if (have === undefined) return 'unknown';
        return want === have ? 'yes' : 'no';
      };
    }
    case 'src-address':
    case 'dst-address': {
      const of = parseAddressValue(text, family);
      if (!of) return ALWAYS_UNKNOWN;
      const sorted = sortedByFirst(of);
      return name === 'src-address' ? (_config, packet) => addressIn(packet.src, sorted) : (_config, packet) => addressIn(packet.dst, sorted);
    }
    case 'src-port':
    case 'dst-port':
    case 'port': {
      const ports = parsePorts(text);
      if (!ports) return ALWAYS_UNKNOWN;
      const which = name === 'port' ? 'any' : name === 'src-port' ? 'src' : 'dst';
      return (_config, packet) => portMatch(packet, ports, which);
    }
    case 'in-interface':
    case 'out-interface': {
      // Wildcards and v6-style groups (`all-ethernet`) are not modelled.
      if (text.includes('*') || text.startsWith('all-')) return ALWAYS_UNKNOWN;
      const inbound = name === 'in-interface';
      return (_config, packet) => {
        const iface = inbound ? packet.inInterface : packet.outInterface;
        if (iface === undefined) return 'unknown';
        return iface === text ? 'yes' : 'no';
      };
    }
    case 'in-interface-list':
    case 'out-interface-list':
      return name === 'in-interface-list'
        ? (config, packet) => listMembership(config, text, packet.inInterface)
        : (config, packet) => listMembership(config, text, packet.outInterface);
    case 'connection-state': {
      const states = splitList(text);
      if (states.length === 0 || states.some((s) => !STATES.has(s))) return ALWAYS_UNKNOWN;
      return (_config, packet) => {
        if (packet.connectionState === undefined) return 'unknown';
        return states.includes(packet.connectionState) ? 'yes' : 'no';
      };
    }
    case 'connection-nat-state': {
      const kinds = splitList(text);
      if (kinds.length === 0 || kinds.some((k) => k !== 'srcnat' && k !== 'dstnat')) return ALWAYS_UNKNOWN;
      return (_config, packet) => {
        if (packet.natState === undefined) return 'unknown';
        return kinds.some((k) => packet.natState![k as 'srcnat' | 'dstnat']) ? 'yes' : 'no';
      };
    }
    case 'src-address-list':
    case 'dst-address-list':
      return name === 'src-address-list'
        ? (config, packet) => addressListMembership(config, family, text, packet.src)
        : (config, packet) => addressListMembership(config, family, text, packet.dst);
    case 'ipsec-policy': {
      const m = /^(in|out),(ipsec|none)$/.exec(text);
      if (!m) return ALWAYS_UNKNOWN;
      const inbound = m[1] === 'in';
      const ipsec = m[2] === 'ipsec';
      return (_config, packet) => {
        const matched = inbound ? packet.ipsecIn : packet.ipsecOut;
        if (matched === undefined) return 'unknown';
        return matched === ipsec ? 'yes' : 'no';
      };
    }
    case 'icmp-options':
      return (_config, packet) => {
        const proto = packetProtocol(packet);
        // Only ICMP packets carry a type/code; the packet descriptions never fix one.
        if (proto !== undefined && proto !== 1 && proto !== 58) return 'no';
        return 'unknown';
      };
    default:
      return ALWAYS_UNKNOWN;
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

// A compiled test depends only on the family, the matcher's name and its value (config and packet
// are arguments), so tests are shared by value.
const sharedTests = new SharedByValue<MatcherTest>(20_000);

/** One matcher (`name=value` of a `family` rule) parsed once, with `!` and control flow applied. */
export function compileMatcher(family: IpFamily, name: string, value: PropertyValue): MatcherTest {
  if (value.dynamic) return ALWAYS_UNKNOWN;
  const variant = (family === 6 ? 4 : 0) + (value.negated ? 2 : 0) + (value.uncertain ? 1 : 0);
  return sharedTests.get(name, value.text, variant, () => compileStatic(family, name, value));
}

function compileStatic(family: IpFamily, name: string, value: PropertyValue): MatcherTest {
  const positive = compilePositive(family, name, value.text);
  const { negated, uncertain } = value;
  return (config, packet) => {
    const t = positive(config, packet);
    const r = negated ? negate(t) : t;
    // A value set under control flow may not be the one on the router.
    return uncertain && r !== 'unknown' ? 'unknown' : r;
  };
}

export function matchValue(config: RouterConfig, family: IpFamily, name: string, value: PropertyValue, packet: PacketDescription): Tri {
  return compileMatcher(family, name, value)(config, packet);
}

/** A rule's matchers, compiled. */
interface CompiledRule {
  names: string[];
  tests: MatcherTest[];
}

// Compiled matchers are kept for the rules of the most recent config only: the firewall questions
// about one config come together (every tunnel, family and interface of it), while keeping them
// for every router of a 1,000-router network, whose configs all stay alive, cost ~70 MB.
let recentConfig: WeakRef<RouterConfig> | undefined;
let recentRules = new Map<FilterRule, CompiledRule>();

function compiledRule(config: RouterConfig, rule: FilterRule): CompiledRule {
  if (recentConfig?.deref() !== config) {
    recentConfig = new WeakRef(config);
    recentRules = new Map();
  }
  let c = recentRules.get(rule);
  if (c === undefined) {
    c = { names: [], tests: [] };
    for (const [name, value] of rule.matchers) {
      c.names.push(name);
      c.tests.push(compileMatcher(rule.family, name, value));
    }
    recentRules.set(rule, c);
  }
  return c;
}

// The walk asks every rule about every packet; the definite answers share one frozen result.
const NO_MATCH: RuleMatch = Object.freeze({ result: 'no', unknown: Object.freeze([]) as unknown as string[] });
const YES_MATCH: RuleMatch = Object.freeze({ result: 'yes', unknown: Object.freeze([]) as unknown as string[] });

/** All matchers of a rule (AND): `no` if any says no, else `unknown` if any cannot tell. */
export function matchRule(config: RouterConfig, rule: FilterRule, packet: PacketDescription): RuleMatch {
  const { names, tests } = compiledRule(config, rule);
  let unknown: string[] | undefined;
  for (let i = 0; i < tests.length; i++) {
    const r = tests[i]!(config, packet);
    if (r === 'no') return NO_MATCH;
    if (r === 'unknown') (unknown ??= []).push(names[i]!);
  }
  if (rule.uncertain || rule.disabled === 'unknown') (unknown ??= []).push('(set under control flow)');
  return unknown !== undefined ? { result: 'unknown', unknown } : YES_MATCH;
}
