/**
 * The chain walk: what a filter chain does with a described packet.
 *
 * Rules run in order, disabled ones skipped. A rule whose matchers all match applies its action:
 * accept/drop/reject/tarpit end the walk, `jump` walks the target chain and comes back on
 * `return` (or at its end), passthrough/log/add-*-to-address-list continue, fasttrack-connection
 * accepts established/related traffic. No decision → accepted (RouterOS's chain default).
 *
 * A rule with `unknown` matchers is assumed not to match on the main path, but it is remembered:
 * if its outcome (or, for a jump, its target chain's outcome) would differ from the main path's,
 * the verdict is `unknown` and the rule is listed in `couldDiffer`.
 */
import type { RouterConfig } from '../../model/types.js';
import type { IpFamily } from '../prefix.js';
import { CONTINUING_ACTIONS, type FilterRule, TERMINAL_ACTIONS, chainRules, filterTable } from './filter-rules.js';
import { matchRule } from './matchers.js';
import type { PacketDescription } from './packet.js';

export type Verdict = 'accept' | 'drop' | 'unknown';

export interface UndecidedRule {
  rule: FilterRule;
  /** What the walk would end with had this rule matched. */
  outcome: Verdict;
  /** The matchers that could not be decided. */
  unknownMatchers: string[];
}

export interface FirewallVerdict {
  verdict: Verdict;
  /** The rule that decided on the main path; undefined = nothing matched (chain default: accept). */
  deciding?: FilterRule;
  /** What the main path ended with (equals `verdict` unless some rule could differ). */
  mainPath: Verdict;
  /** Jump rules taken on the main path, outermost first. */
  jumps: FilterRule[];
  /** Rules that could have decided differently had their unknown matchers matched. */
  couldDiffer: UndecidedRule[];
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

const MAX_DEPTH = 16;

interface WalkContext {
  config: RouterConfig;
  family: IpFamily;
  packet: PacketDescription;
  stack: string[];
}

/** What a rule does when it matches: an end, a jump, or nothing (continue). */
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
  const rules = chainRules(filterTable(ctx.config, ctx.family), chain);
  for (const rule of rules) {
    if (rule.disabled === 'yes') continue;
    const m = matchRule(ctx.config, rule, ctx.packet);
    if (m.result === 'no') continue;
    const eff = effect(rule, ctx.packet);
    if (eff.kind === 'continue') continue;
    let outcome: ChainResult;
    if (eff.kind === 'jump') {
      if (eff.target === undefined || ctx.stack.includes(eff.target) || ctx.stack.length >= MAX_DEPTH) {
        outcome = { end: 'unknown', jumps: [], alts: [] };
      } else {
        ctx.stack.push(eff.target);
        const sub = walk(ctx, eff.target);
        ctx.stack.pop();
        // Inside the target, a `return` that might happen leads back here: when the target's main
        // path ends the walk, that return is an outcome we do not follow, so it is `unknown`.
        const subAlts = sub.alts.flatMap((a): Alt[] =>
          a.outcome !== 'return' ? [a] : sub.end === 'return' ? [] : [{ ...a, outcome: 'unknown' }],
        );
        outcome = { end: sub.end, jumps: [rule, ...sub.jumps], alts: subAlts };
        if (sub.rule) outcome.rule = sub.rule;
      }
    } else {
      outcome = { end: eff.end, rule, jumps: [], alts: [] };
    }
    if (m.result === 'yes') {
      alts.push(...outcome.alts);
      if (eff.kind === 'jump' && outcome.end === 'return') continue;
      return { end: outcome.end, rule: outcome.rule ?? rule, jumps: outcome.jumps, alts };
    }
    // Unknown match: the main path goes on; remember what would happen otherwise.
    if (eff.kind === 'jump') {
      if (outcome.end !== 'return') alts.push({ rule, outcome: outcome.end, unknownMatchers: m.unknown });
      alts.push(...outcome.alts);
    } else {
      alts.push({ rule, outcome: outcome.end, unknownMatchers: m.unknown });
    }
  }
  return { end: 'return', jumps: [], alts };
}

/**
 * What `chain` of the `family` filter does with `packet`. Never throws; an evaluation problem
 * yields `unknown`.
 */
export function evaluateChain(config: RouterConfig, family: IpFamily, chain: string, packet: PacketDescription): FirewallVerdict {
  try {
    const r = walk({ config, family, packet, stack: [chain] }, chain);
    // Leaving a built-in chain (or `return` from it) applies the chain default: accept.
    const main: Verdict = r.end === 'return' ? 'accept' : r.end;
    const couldDiffer: UndecidedRule[] = [];
    for (const a of r.alts) {
      const outcome: Verdict = a.outcome === 'return' ? 'accept' : a.outcome;
      if (outcome !== main || outcome === 'unknown') couldDiffer.push({ rule: a.rule, outcome, unknownMatchers: a.unknownMatchers });
    }
    const verdict: Verdict = couldDiffer.length > 0 ? 'unknown' : main;
    const result: FirewallVerdict = { verdict, mainPath: main, jumps: r.jumps, couldDiffer };
    if (r.end !== 'return' && r.rule) result.deciding = r.rule;
    return result;
  } catch {
    return { verdict: 'unknown', mainPath: 'unknown', jumps: [], couldDiffer: [] };
  }
}
