/**
 * `/ip firewall filter` and `/ipv6 firewall filter` items as rules: chain, action, jump target,
 * whether they are enabled, and their matchers (every property that is not an action/bookkeeping
 * property). Rules are kept in RouterOS order (the model already applied place-before/move).
 */
import type { Span } from '@roslint/parser';
import type { Item, PropertyValue, RouterConfig } from '../../model/types.js';
import type { Tri } from '../interface-lists.js';
import type { IpFamily } from '../prefix.js';
import { commentLabel } from '../../linter/directives.js';

export const FILTER_MENUS: Record<IpFamily, string> = { 4: '/ip/firewall/filter', 6: '/ipv6/firewall/filter' };

/** Properties that say what a rule does or document it; everything else is a matcher. */
const NON_MATCHERS: ReadonlySet<string> = new Set([
  'action',
  'chain',
  'comment',
  'disabled',
  'log',
  'log-prefix',
  'jump-target',
  'reject-with',
  'address-list',
  'address-list-timeout',
  'hw-offload',
]);

/** The actions after which the packet's fate is decided (and whether it gets through). */
export const TERMINAL_ACTIONS: ReadonlyMap<string, 'accept' | 'drop'> = new Map([
  ['accept', 'accept'],
  ['drop', 'drop'],
  ['reject', 'drop'],
  ['tarpit', 'drop'],
]);

/** Actions that do something and let the packet continue down the chain. */
export const CONTINUING_ACTIONS: ReadonlySet<string> = new Set([
  'passthrough',
  'log',
  'add-src-to-address-list',
  'add-dst-to-address-list',
]);

export interface FilterRule {
  item: Item;
  family: IpFamily;
  /** Position in the menu (0-based, all chains together, like `print`). */
  position: number;
  /** Undefined when the chain is not known statically. */
  chain?: string;
  /** `accept` when absent (RouterOS's default); undefined when not known statically. */
  action?: string;
  jumpTarget?: string;
  /** `yes`: skipped; `unknown`: disabled under control flow — may or may not run. */
  disabled: Tri;
  /** Created or changed under control flow / from variables. */
  uncertain: boolean;
  /** Matcher properties by name. */
  matchers: Map<string, PropertyValue>;
  /** The rule's `add` statement. */
  span: Span;
  /** The `action=` value's span, else the statement. */
  actionSpan: Span;
  comment?: string;
}

export interface FilterTable {
  family: IpFamily;
  rules: FilterRule[];
  /** Rules of each chain in order; rules with an unknown chain appear in every chain. */
  byChain: Map<string, FilterRule[]>;
  /** Rules whose chain is not known statically. */
  anyChain: FilterRule[];
}

/** The values a filter rule is made of (see `ruleFrom`). */
export interface RuleValues {
  chain?: PropertyValue;
  action?: PropertyValue;
  jump?: PropertyValue;
  disabled?: PropertyValue;
  comment?: PropertyValue;
  /** Every other property: what the rule matches on. */
  matchers: Map<string, PropertyValue>;
}

/** A filter rule from its values, however they were read. */
export function ruleFrom(item: Item, family: IpFamily, position: number, values: RuleValues): FilterRule {
  const { chain, action, jump, disabled: disabledValue, comment, matchers } = values;
  let disabled: Tri = 'no';
  if (disabledValue !== undefined) {
    const on = disabledValue.text === 'yes' || disabledValue.text === 'true';
    if (disabledValue.dynamic) disabled = 'unknown';
    else if (disabledValue.uncertain) disabled = 'unknown';
    else disabled = on ? 'yes' : 'no';
  }
  // Optional fields are assigned, not spread in: a spread of a conditional object is a slow
  // runtime call, and every rule of every router is read.
  const rule: FilterRule = {
    item,
    family,
    position,
    disabled,
    uncertain: item.uncertain || (chain?.uncertain ?? false) || (action?.uncertain ?? false),
    matchers,
    span: item.span,
    actionSpan: action?.span ?? item.span,
  };
  if (chain !== undefined && !chain.dynamic) rule.chain = chain.text;
  if (action === undefined) rule.action = 'accept';
  else if (!action.dynamic) rule.action = action.text;
  if (jump !== undefined && !jump.dynamic) rule.jumpTarget = jump.text;
  if (comment !== undefined && !comment.dynamic) rule.comment = comment.text;
  return rule;
}

function readRule(item: Item, family: IpFamily, position: number): FilterRule {
  // One pass over the properties: an item may build its values on each read (logged-item.ts).
  const values: RuleValues = { matchers: new Map() };
  for (const [name, value] of item.props) {
    if (!NON_MATCHERS.has(name)) values.matchers.set(name, value);
    else if (name === 'chain') values.chain = value;
    else if (name === 'action') values.action = value;
    else if (name === 'jump-target') values.jump = value;
    else if (name === 'disabled') values.disabled = value;
    else if (name === 'comment') values.comment = value;
  }
  return ruleFrom(item, family, position, values);
}

const cache = new WeakMap<RouterConfig, Map<IpFamily, FilterTable>>();

/** The filter table of one family. */
export function filterTable(config: RouterConfig, family: IpFamily): FilterTable {
  let byFamily = cache.get(config);
  if (!byFamily) cache.set(config, (byFamily = new Map()));
  const hit = byFamily.get(family);
  if (hit) return hit;
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
  const table = { family, rules, byChain, anyChain };
  byFamily.set(family, table);
  return table;
}

/** The rules of `chain` in order (including rules whose chain is unknown). */
export function chainRules(table: FilterTable, chain: string): FilterRule[] {
  return table.byChain.get(chain) ?? table.anyChain;
}

/**
 * A short, human name for a rule in messages: `input rule #5 "defconf: drop invalid"`, or
 * `input rule #5 (action=drop)` when it has no comment. With `withAction` the action is always
 * named (once): `input rule #5 "defconf: drop invalid" (action=drop)`.
 */
export function describeRule(rule: FilterRule, opts: { withAction?: boolean } = {}): string {
  const where = `${rule.chain ?? '?'} rule #${rule.position}`;
  const action = `(action=${rule.action ?? '?'})`;
  const comment = rule.comment !== undefined ? commentLabel(rule.comment) : undefined; // without `roslint-ignore: …`
  if (!comment) return `${where} ${action}`;
  return opts.withAction ? `${where} "${comment}" ${action}` : `${where} "${comment}"`;
}
