/**
 * Unit-test harness for the peer/key rules: runs one rule on a fake config (see
 * packages/core/test/analysis-wireguard-model.ts) and returns what it reported, with the
 * underlined text, so tests read like the diagnostics a user sees.
 */
import type { ReportDescriptor, RouterConfig, RouterRule, Analysis } from '@roslint/core';
import { fakeConfig } from '../../../packages/core/test/analysis-wireguard-model.js';

export interface Seen extends ReportDescriptor {
  /** The text under the report's span. */
  at: string;
  relatedAt: string[];
}

export function runRule(rule: RouterRule, text: string, opts: { isExport?: boolean } = {}): Seen[] {
  const config: RouterConfig = fakeConfig(text, opts);
  const cache = new Map<Analysis<unknown>, unknown>();
  const seen: Seen[] = [];
  rule.check({
    config,
    options: undefined,
    use: <T>(a: Analysis<T>): T => {
      if (!cache.has(a)) cache.set(a, a(config));
      return cache.get(a) as T;
    },
    report: (d) =>
      seen.push({
        ...d,
        at: text.slice(d.span.start, d.span.end),
        relatedAt: (d.related ?? []).map((r) => text.slice(r.span.start, r.span.end)),
      }),
  });
  return seen;
}

/** Real X25519 pairs (generated with @noble/curves for these tests; used nowhere else). */
export const KEYS = {
  a: { priv: 'mhLPPxpMGz0EqUJb2IiZjat7pakbjilICf3t4FWOHgg=', pub: 'DmzzCiUZ2U+RPJVK7S6vSYQnXXgtSDenIgaM5hDhUzM=' },
  b: { priv: 'aF4i4NS+68+njPyDA2NYm19w4m7FuappNCYSB0TYVbE=', pub: 'Mv2Zam5MCilJE/1oTYBJ/XG4+a92SbsCRr5dAb7LMCQ=' },
  c: { priv: 'q2MB2Dl4oPXVf/JBF2MTRZnfFr5kV+sas6ZyqVIjgWU=', pub: 'QuhH5vvfvgBhGJW+BWWVZPU1PkSKlhVbRQ5v1+URfV4=' },
};

export const WG = '/interface/wireguard/add';
export const PEER = '/interface/wireguard/peers/add';
