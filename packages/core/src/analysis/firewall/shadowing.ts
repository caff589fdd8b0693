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
import { anyAddress, setWithinSorted, sortedByFirst } from './packet.js';
import { SharedByValue } from './shared-by-value.js';

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

function complement(ranges: Bounds[], family: IpFamily): Bounds[] {
  const all = anyAddress(family)[0]!;
  const out: Bounds[] = [];
  let next = all.first;
  for (const r of sortedByFirst(ranges)) {
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

/** A rule's matchers as precomputed sets, so that pairwise checks do no parsing. */
interface Constraints {
  rule: FilterRule;
  /** Every matcher is modelled, static and representable: the rule may shadow others. */
  complete: boolean;
  /** Dimensions the rule constrains (`in`/`out` group interface and list matchers). */
  dims: string[];
  protocol?: { number: number; negated: boolean };
  ranges: Map<string, Bounds[]>;
  states?: Set<string>;
  iface: Map<'in' | 'out', IfaceSet>;
  /** Matchers compared by identity: `name` → `!`-prefixed text. */
  exact: Map<string, string>;
}

const RANGE_DIMS = ['src-address', 'dst-address', 'src-port', 'dst-port', 'port'];

// The address, port and state sets depend on the matcher's value alone: worked out once (sorted,
// never changed afterwards) and shared by value. Undefined = not representable.
const sharedRanges = new SharedByValue<Bounds[] | undefined>(20_000);
const sharedStates = new SharedByValue<Set<string> | undefined>(1_000);

/** A usable range matcher's set, in ascending order of first address. */
function rangeSet(name: string, value: PropertyValue, family: IpFamily): Bounds[] | undefined {
  return sharedRanges.get(name, value.text, (family === 6 ? 2 : 0) + (value.negated ? 1 : 0), () =>
    (name.endsWith('address') ? addressSet(value, family) : portSet(value))?.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0)),
  );
}

function constraintsOf(config: RouterConfig, rule: FilterRule): Constraints {
  const c: Constraints = { rule, complete: true, dims: [], ranges: new Map(), iface: new Map(), exact: new Map() };
  const dims = new Set<string>();
  for (const [name, value] of rule.matchers) {
    if (!MODELLED_MATCHERS.has(name) || !usable(value)) {
      c.complete = false;
      continue;
    }
    if (name === 'protocol') {
      const n = protocolNumber(value.text);
      if (n === undefined) c.complete = false;
      else c.protocol = { number: n, negated: value.negated };
      dims.add(name);
    } else if (RANGE_DIMS.includes(name)) {
      const set = rangeSet(name, value, rule.family);
      if (set === undefined) c.complete = false;
      else c.ranges.set(name, set);
      dims.add(name);
    } else if (name === 'connection-state') {
      const set = sharedStates.get(name, value.text, value.negated ? 1 : 0, () => stateSet(value));
      if (set === undefined) c.complete = false;
      else c.states = set;
      dims.add(name);
    } else if (name.includes('interface')) {
      const side = name.startsWith('in') ? 'in' : 'out';
      const one = ifaceConstraint(config, name, value);
      if (one === undefined) c.complete = false; // left out: the rule is then only narrower
      else c.iface.set(side, ifaceIntersect(c.iface.get(side) ?? { negated: true, names: new Set() }, one));
      dims.add(side);
    } else {
      c.exact.set(name, `${value.negated ? '!' : ''}${value.text}`);
      dims.add(name);
    }
  }
  c.dims = [...dims].sort();
  return c;
}

const UNIVERSE_IFACES: IfaceSet = { negated: true, names: new Set() };

/** Does `e` (complete) match every packet `l` can match? */
function covers(e: Constraints, l: Constraints): boolean {
  if (e.protocol) {
    const lp = l.protocol;
    if (!lp) return false;
    if (!e.protocol.negated ? lp.negated || lp.number !== e.protocol.number : lp.negated ? lp.number !== e.protocol.number : lp.number === e.protocol.number) return false;
  }
  for (const [dim, es] of e.ranges) {
    const ls = l.ranges.get(dim);
    if (!ls || !setWithinSorted(ls, es)) return false; // constraintsOf sorted `es`
  }
  if (e.states) {
    const ls = l.states ?? new Set(ALL_STATES);
    for (const s of ls) if (!e.states.has(s)) return false;
  }
  for (const [side, es] of e.iface) if (!ifaceSubset(l.iface.get(side) ?? UNIVERSE_IFACES, es)) return false;
  for (const [name, text] of e.exact) if (l.exact.get(name) !== text) return false;
  return true;
}

/** Does `earlier` match every packet `later` can match? */
export function coversRule(config: RouterConfig, earlier: FilterRule, later: FilterRule): boolean {
  const e = constraintsOf(config, earlier);
  return e.complete && covers(e, constraintsOf(config, later));
}

/** What a rule's action leads to, for "would the verdict differ" (accept vs drop family). */
function actionKind(action: string | undefined): string | undefined {
  if (action === undefined) return undefined;
  return TERMINAL_ACTIONS.get(action) ?? action;
}

/** Pairwise comparisons allowed per table (about 0.2 s); reports found before it is spent stand. */
const MAX_COMPARISONS = 2_000_000;

/** Every subset of `dims` (sorted), as bucket keys; dims are few (a rule has a handful of matchers). */
function subsetKeysOf(dims: string[]): string[] {
  if (dims.length > 10) return [];
  const out: string[] = [];
  for (let mask = 0; mask < 1 << dims.length; mask++) out.push(dims.filter((_, i) => mask & (1 << i)).join(' '));
  return out;
}

// Tables repeat a few dimension sets; the same key strings also keep their hash for the bucket Map.
const SUBSET_KEYS = new Map<string, string[]>();
const MAX_SUBSET_KEY_SETS = 4096;

function subsetKeys(dims: string[]): string[] {
  const key = dims.join(' ');
  let keys = SUBSET_KEYS.get(key);
  if (keys === undefined) {
    if (SUBSET_KEYS.size >= MAX_SUBSET_KEY_SETS) SUBSET_KEYS.clear();
    SUBSET_KEYS.set(key, (keys = subsetKeysOf(dims)));
  }
  return keys;
}

/**
 * Later rules every packet of which an earlier, terminating, fully known rule of the same chain
 * takes first — with a different outcome (a duplicate with the same verdict changes nothing).
 * An earlier rule is only compared with later rules that constrain at least its dimensions (a
 * rule constraining `protocol` cannot cover one that does not), which keeps large firewalls fast.
 */
export function shadowedRules(config: RouterConfig, table: FilterTable, budget = MAX_COMPARISONS): Shadow[] {
  const out: Shadow[] = [];
  let comparisons = 0;
  const byChain = new Map<string, FilterRule[]>();
  for (const r of table.rules) {
    if (r.chain === undefined) return out; // a rule in an unknown chain could sit anywhere
    let list = byChain.get(r.chain);
    if (!list) byChain.set(r.chain, (list = []));
    list.push(r);
  }
  for (const rules of byChain.values()) {
    const buckets = new Map<string, Constraints[]>();
    for (const rule of rules) {
      if (rule.disabled !== 'no' || rule.uncertain) {
        if (rule.disabled !== 'yes') break; // a rule that may or may not be there: stop proving
        continue;
      }
      const l = constraintsOf(config, rule);
      // The first covering rule takes the packets; only a different outcome is worth reporting.
      let by: FilterRule | undefined;
      for (const key of subsetKeys(l.dims)) {
        for (const e of buckets.get(key) ?? []) {
          if (by !== undefined && e.rule.position > by.position) break;
          // Thousands of look-alike rules (block lists): stop with what is proven so far.
          if (++comparisons > budget) return out;
          if (covers(e, l)) {
            by = e.rule;
            break;
          }
        }
      }
      if (by && actionKind(by.action) !== actionKind(rule.action)) out.push({ rule, by });
      if (l.complete && rule.action !== undefined && TERMINAL_ACTIONS.has(rule.action)) {
        const key = l.dims.join(' ');
        const list = buckets.get(key);
        if (list) list.push(l);
        else buckets.set(key, [l]);
      }
    }
  }
  return out;
}
