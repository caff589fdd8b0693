/**
 * Rule shadowing: an earlier rule of the same chain, with a terminating action and only modelled,
 * static matchers, that matches every packet a later rule would match. The later rule can then
 * never match. Proven per matcher on sets (interfaces and interface lists, addresses, ports,
 * protocols, connection states); anything that cannot be proven is not a shadow.
 */
import type { PropertyValue, RouterConfig } from '../../model/types.js';
import { splitList } from '../../model/values.js';
import { listMembersExactly } from '../interface-lists.js';
import type { Bounds, IpFamily } from '../prefix.js';
import { type FilterRule, type FilterTable, TERMINAL_ACTIONS } from './filter-rules.js';
import { MODELLED_MATCHERS, parseAddressValue, parsePorts, protocolNumber } from './matchers.js';
import { anyAddress, setWithin } from './packet.js';

export interface Shadow {
  /** The rule that can never match. */
  rule: FilterRule;
  /** The earlier rule that takes every packet first. */
  by: FilterRule;
}

/** A set of interface names: `in` = exactly these, `notIn` = every interface but these. */
interface IfaceSet {
  negated: boolean;
  names: Set<string>;
}

const ALL_STATES = ['new', 'established', 'related', 'invalid', 'untracked'];

function usable(v: PropertyValue | undefined): v is PropertyValue {
  return v !== undefined && !v.dynamic && !v.uncertain;
}

function ifaceSubset(a: IfaceSet, b: IfaceSet): boolean {
  if (!a.negated && !b.negated) return [...a.names].every((n) => b.names.has(n));
  if (!a.negated && b.negated) return [...a.names].every((n) => !b.names.has(n));
  if (a.negated && !b.negated) return false;
  return [...b.names].every((n) => a.names.has(n));
}

function ifaceIntersect(a: IfaceSet, b: IfaceSet): IfaceSet {
  if (!a.negated && !b.negated) return { negated: false, names: new Set([...a.names].filter((n) => b.names.has(n))) };
  if (!a.negated) return { negated: false, names: new Set([...a.names].filter((n) => !b.names.has(n))) };
  if (!b.negated) return ifaceIntersect(b, a);
  return { negated: true, names: new Set([...a.names, ...b.names]) };
}

/** One interface constraint as a set, or undefined when the file cannot enumerate it. */
function ifaceConstraint(config: RouterConfig, name: string, v: PropertyValue): IfaceSet | undefined {
  if (!usable(v)) return undefined;
  let set: IfaceSet | undefined;
  if (name.endsWith('-list')) {
    if (v.text === 'all') set = { negated: true, names: new Set() };
    else {
      const members = listMembersExactly(config, v.text);
      if (members) set = { negated: false, names: members };
    }
  } else if (!v.text.includes('*') && !v.text.startsWith('all-') && v.text !== '') {
    set = { negated: false, names: new Set([v.text]) };
  }
  if (!set) return undefined;
  return v.negated ? { negated: !set.negated, names: set.names } : set;
}

/** Interfaces `rule` can match on one side (`in` / `out`); unprovable constraints are left out. */
function ifaceSetOf(config: RouterConfig, rule: FilterRule, side: 'in' | 'out', strict: boolean): IfaceSet | undefined {
  let set: IfaceSet = { negated: true, names: new Set() };
  for (const key of [`${side}-interface`, `${side}-interface-list`]) {
    const v = rule.matchers.get(key);
    if (!v) continue;
    const c = ifaceConstraint(config, key, v);
    if (!c) {
      if (strict) return undefined;
      continue;
    }
    set = ifaceIntersect(set, c);
  }
  return set;
}

function complement(ranges: Bounds[], family: IpFamily): Bounds[] {
  const all = anyAddress(family)[0]!;
  const sorted = [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const out: Bounds[] = [];
  let next = all.first;
  for (const r of sorted) {
    if (r.first > next) out.push({ family, first: next, last: r.first - 1n });
    if (r.last + 1n > next) next = r.last + 1n;
  }
  if (next <= all.last) out.push({ family, first: next, last: all.last });
  return out;
}

function addressSet(v: PropertyValue | undefined, family: IpFamily): Bounds[] | undefined {
  if (v === undefined) return anyAddress(family);
  if (!usable(v)) return undefined;
  const b = parseAddressValue(v.text, family);
  if (!b) return undefined;
  return v.negated ? complement(b, family) : b;
}

function portSet(v: PropertyValue | undefined): Bounds[] | undefined {
  // Ports reuse the range arithmetic of family-4 bounds (0…65535 fits easily).
  const all: Bounds = { family: 4, first: 0n, last: 65535n };
  if (v === undefined) return [all];
  if (!usable(v)) return undefined;
  const p = parsePorts(v.text);
  if (!p) return undefined;
  const ranges = p.map(([a, b]): Bounds => ({ family: 4, first: BigInt(a), last: BigInt(b) }));
  return v.negated ? complement(ranges, 4).filter((r) => r.first <= 65535n).map((r) => ({ ...r, last: r.last > 65535n ? 65535n : r.last })) : ranges;
}

function stateSet(v: PropertyValue | undefined): Set<string> | undefined {
  if (v === undefined) return new Set(ALL_STATES);
  if (!usable(v)) return undefined;
  const s = splitList(v.text);
  if (s.some((x) => !ALL_STATES.includes(x))) return undefined;
  return new Set(v.negated ? ALL_STATES.filter((x) => !s.includes(x)) : s);
}

/** Does the earlier rule's matcher `name` (value `e`) accept everything the later rule can match? */
function coversMatcher(config: RouterConfig, name: string, e: PropertyValue, later: FilterRule): boolean {
  const l = later.matchers.get(name);
  const family = later.family;
  switch (name) {
    case 'protocol': {
      const ep = protocolNumber(e.text);
      if (ep === undefined || !l || !usable(l)) return false;
      const lp = protocolNumber(l.text);
      if (lp === undefined) return false;
      if (!e.negated) return !l.negated && lp === ep;
      return l.negated ? lp === ep : lp !== ep;
    }
    case 'src-address':
    case 'dst-address': {
      const es = addressSet(e, family);
      const ls = addressSet(l, family);
      return es !== undefined && ls !== undefined && setWithin(ls, es);
    }
    case 'src-port':
    case 'dst-port':
    case 'port': {
      const es = portSet(e);
      const ls = portSet(l);
      return es !== undefined && ls !== undefined && setWithin(ls, es);
    }
    case 'connection-state': {
      const es = stateSet(e);
      const ls = stateSet(l);
      return es !== undefined && ls !== undefined && [...ls].every((s) => es.has(s));
    }
    case 'in-interface':
    case 'in-interface-list':
    case 'out-interface':
    case 'out-interface-list': {
      const side = name.startsWith('in') ? 'in' : 'out';
      const ec = ifaceConstraint(config, name, e);
      const ls = ifaceSetOf(config, later, side, false);
      return ec !== undefined && ls !== undefined && ifaceSubset(ls, ec);
    }
    default:
      // Lists, NAT state, IPsec policy, ICMP options: only the identical matcher is covered.
      return l !== undefined && usable(l) && l.text === e.text && l.negated === e.negated;
  }
}

/** Does `earlier` match every packet `later` can match? */
export function coversRule(config: RouterConfig, earlier: FilterRule, later: FilterRule): boolean {
  for (const [name, value] of earlier.matchers) {
    if (!MODELLED_MATCHERS.has(name) || !usable(value)) return false;
    if (!coversMatcher(config, name, value, later)) return false;
  }
  return true;
}

/** What a rule's action leads to, for "would the verdict differ" (accept vs drop family). */
function actionKind(action: string | undefined): string | undefined {
  if (action === undefined) return undefined;
  return TERMINAL_ACTIONS.get(action) ?? action;
}

/**
 * Later rules every packet of which an earlier, terminating, fully known rule of the same chain
 * takes first — with a different outcome (a duplicate with the same verdict changes nothing).
 */
export function shadowedRules(config: RouterConfig, table: FilterTable): Shadow[] {
  const out: Shadow[] = [];
  const byChain = new Map<string, FilterRule[]>();
  for (const r of table.rules) {
    if (r.chain === undefined) return out; // a rule in an unknown chain could sit anywhere
    let list = byChain.get(r.chain);
    if (!list) byChain.set(r.chain, (list = []));
    list.push(r);
  }
  for (const rules of byChain.values()) {
    const deciders: FilterRule[] = [];
    for (const rule of rules) {
      if (rule.disabled !== 'no' || rule.uncertain) {
        if (rule.disabled !== 'yes') break; // a rule that may or may not be there: stop proving
        continue;
      }
      const kind = actionKind(rule.action);
      // The first covering rule takes the packets; only a different outcome is worth reporting.
      const by = deciders.find((d) => coversRule(config, d, rule));
      if (by && actionKind(by.action) !== kind) out.push({ rule, by });
      if (rule.action !== undefined && TERMINAL_ACTIONS.has(rule.action)) deciders.push(rule);
    }
  }
  return out;
}
