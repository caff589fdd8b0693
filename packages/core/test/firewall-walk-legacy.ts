/**
 * The filter-rule reading, matchers and chain walk as they were before matchers were parsed once
 * per rule (roslint 1e00499): every matcher text parsed on every packet. Kept as the reference
 * the firewall perf-equivalence test compares against. Not used by code.
 */
import type { Item, PropertyValue, RouterConfig } from '../src/model/types.js';
import { splitList } from '../src/model/values.js';
import { type Tri, listMembership } from '../src/analysis/interface-lists.js';
import type { IpFamily } from '../src/analysis/prefix.js';
import { CONTINUING_ACTIONS, FILTER_MENUS, type FilterRule, TERMINAL_ACTIONS } from '../src/analysis/firewall/filter-rules.js';
import { negate, parseAddressValue, parsePorts, protocolNumber } from '../src/analysis/firewall/matchers.js';
import type { FirewallVerdict, UndecidedRule, Verdict } from '../src/analysis/firewall/chain-walk.js';
import type { PacketDescription } from '../src/analysis/firewall/packet.js';
import { setWithin, setsOverlap } from './packet-legacy.js';
import { addressListMembership } from './address-lists-legacy.js';

const NON_MATCHERS: ReadonlySet<string> = new Set(['action', 'chain', 'comment', 'disabled', 'log', 'log-prefix', 'jump-target', 'reject-with', 'address-list', 'address-list-timeout', 'hw-offload']);

function readRule(item: Item, family: IpFamily, position: number): FilterRule {
  const chain = item.props.get('chain');
  const action = item.props.get('action');
  const jump = item.props.get('jump-target');
  const disabledValue = item.props.get('disabled');
  let disabled: Tri = 'no';
  if (disabledValue !== undefined) {
    const on = disabledValue.text === 'yes' || disabledValue.text === 'true';
    if (disabledValue.dynamic) disabled = 'unknown';
    else if (disabledValue.uncertain) disabled = 'unknown';
    else disabled = on ? 'yes' : 'no';
  }
  const matchers = new Map<string, PropertyValue>();
  for (const [name, value] of item.props) if (!NON_MATCHERS.has(name)) matchers.set(name, value);
  const comment = item.props.get('comment');
  return {
    item,
    family,
    position,
    ...(chain !== undefined && !chain.dynamic ? { chain: chain.text } : {}),
    ...(action === undefined ? { action: 'accept' } : !action.dynamic ? { action: action.text } : {}),
    ...(jump !== undefined && !jump.dynamic ? { jumpTarget: jump.text } : {}),
    disabled,
    uncertain: item.uncertain || (chain?.uncertain ?? false) || (action?.uncertain ?? false),
    matchers,
    span: item.span,
    actionSpan: action?.span ?? item.span,
    ...(comment !== undefined && !comment.dynamic ? { comment: comment.text } : {}),
  };
}

export interface LegacyTable {
  rules: FilterRule[];
  byChain: Map<string, FilterRule[]>;
  anyChain: FilterRule[];
}

export function filterTable(config: RouterConfig, family: IpFamily): LegacyTable {
  const rules = config.items(FILTER_MENUS[family]).map((item, i) => readRule(item, family, i));
  const byChain = new Map<string, FilterRule[]>();
  const anyChain: FilterRule[] = [];
  for (const r of rules) {
    if (r.chain === undefined) {
      anyChain.push(r);
      for (const list of byChain.values()) list.push(r);
      continue;
    }
    let list = byChain.get(r.chain);
    if (!list) byChain.set(r.chain, (list = rules.filter((x) => x.chain === undefined && x.position < r.position)));
    list.push(r);
  }
  return { rules, byChain, anyChain };
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

type End = Verdict | 'return';
interface Alt {
  rule: FilterRule;
  outcome: End;
  unknownMatchers: string[];
}
interface ChainResult {
  end: End;
  rule?: FilterRule;
  jumps: FilterRule[];
  alts: Alt[];
}
interface WalkContext {
  config: RouterConfig;
  table: LegacyTable;
  packet: PacketDescription;
  stack: string[];
}

function effect(rule: FilterRule, packet: PacketDescription): { kind: 'end'; end: End } | { kind: 'jump'; target?: string } | { kind: 'continue' } {
  const action = rule.action;
  if (action === undefined) return { kind: 'end', end: 'unknown' };
  const terminal = TERMINAL_ACTIONS.get(action);
  if (terminal) return { kind: 'end', end: terminal };
  if (CONTINUING_ACTIONS.has(action)) return { kind: 'continue' };
  if (action === 'return') return { kind: 'end', end: 'return' };
  if (action === 'jump') return rule.jumpTarget !== undefined ? { kind: 'jump', target: rule.jumpTarget } : { kind: 'jump' };
  if (action === 'fasttrack-connection') {
    const s = packet.connectionState;
    if (s === 'established' || s === 'related') return { kind: 'end', end: 'accept' };
    if (s === undefined) return { kind: 'end', end: 'unknown' };
    return { kind: 'continue' };
  }
  return { kind: 'end', end: 'unknown' };
}

function walk(ctx: WalkContext, chain: string): ChainResult {
  const alts: Alt[] = [];
  const rules = ctx.table.byChain.get(chain) ?? ctx.table.anyChain;
  for (const rule of rules) {
    if (rule.disabled === 'yes') continue;
    const m = matchRule(ctx.config, rule, ctx.packet);
    if (m.result === 'no') continue;
    const eff = effect(rule, ctx.packet);
    if (eff.kind === 'continue') continue;
    let outcome: ChainResult;
    if (eff.kind === 'jump') {
      if (eff.target === undefined || ctx.stack.includes(eff.target) || ctx.stack.length >= 16) {
        outcome = { end: 'unknown', jumps: [], alts: [] };
      } else {
        ctx.stack.push(eff.target);
        const sub = walk(ctx, eff.target);
        ctx.stack.pop();
        const subAlts = sub.alts.flatMap((a): Alt[] => (a.outcome !== 'return' ? [a] : sub.end === 'return' ? [] : [{ ...a, outcome: 'unknown' }]));
        outcome = { end: sub.end, ...(sub.rule ? { rule: sub.rule } : {}), jumps: [rule, ...sub.jumps], alts: subAlts };
      }
    } else {
      outcome = { end: eff.end, rule, jumps: [], alts: [] };
    }
    if (m.result === 'yes') {
      alts.push(...outcome.alts);
      if (eff.kind === 'jump' && outcome.end === 'return') continue;
      return { end: outcome.end, ...(outcome.rule ? { rule: outcome.rule } : { rule }), jumps: outcome.jumps, alts };
    }
    if (eff.kind === 'jump') {
      if (outcome.end !== 'return') alts.push({ rule, outcome: outcome.end, unknownMatchers: m.unknown });
      alts.push(...outcome.alts);
    } else {
      alts.push({ rule, outcome: outcome.end, unknownMatchers: m.unknown });
    }
  }
  return { end: 'return', jumps: [], alts };
}

export function evaluateChain(config: RouterConfig, family: IpFamily, chain: string, packet: PacketDescription): FirewallVerdict {
  try {
    const r = walk({ config, table: filterTable(config, family), packet, stack: [chain] }, chain);
    const main: Verdict = r.end === 'return' ? 'accept' : r.end;
    const couldDiffer: UndecidedRule[] = [];
    for (const a of r.alts) {
      const outcome: Verdict = a.outcome === 'return' ? 'accept' : a.outcome;
      if (outcome !== main || outcome === 'unknown') couldDiffer.push({ rule: a.rule, outcome, unknownMatchers: a.unknownMatchers });
    }
    const verdict: Verdict = couldDiffer.length > 0 ? 'unknown' : main;
    return { verdict, mainPath: main, ...(r.end !== 'return' && r.rule ? { deciding: r.rule } : {}), jumps: r.jumps, couldDiffer };
  } catch {
    return { verdict: 'unknown', mainPath: 'unknown', jumps: [], couldDiffer: [] };
  }
}
