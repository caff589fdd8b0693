/**
 * Address lists as merged range sets (merged-ranges.ts, address-lists.ts) must answer every
 * membership question exactly as the previous list-of-bounds code did (address-lists-legacy.ts,
 * packet.ts setWithin/setsOverlap, the plain pairwise definitions): random unions and queries, and random address-list sections of scripts.
 */
import { describe, it, expect } from 'vitest';
import { rng as seeded } from '../../../bench/generate.mjs';
import type { Bounds, IpFamily } from '../src/analysis/prefix.js';
import { MergedRangesBuilder } from '../src/analysis/firewall/merged-ranges.js';
import { addressListMembership } from '../src/analysis/firewall/address-lists.js';
import { setWithin, setsOverlap } from '../src/analysis/firewall/packet.js';
import * as legacy from './address-lists-legacy.js';
import { build } from './model-helpers.js';

/** Deterministic PRNG (the benchmark generator's mulberry32) so a failure replays. */
const rng = (seed: number): (() => number) => seeded(seed).next;

const MAX: Record<IpFamily, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

/** Ranges crowded into a small window (so they nest, touch and repeat), sometimes at the edges. */
function randomRange(r: () => number, family: IpFamily): Bounds {
  const base = r() < 0.1 ? 0n : r() < 0.1 ? MAX[family] - 64n : family === 4 ? 0x0a000000n : 0xfd00n << 112n;
  const a = base + BigInt(Math.floor(r() * 64));
  const b = a + BigInt(Math.floor(r() * (r() < 0.8 ? 4 : 40)));
  return { family, first: a, last: b > MAX[family] ? MAX[family] : b };
}

describe('range sets answer as setWithin / setsOverlap did', () => {
  it('on random unions and queries of both families', () => {
    const r = rng(42);
    const wrong: string[] = [];
    for (let round = 0; round < 3000; round++) {
      const family: IpFamily = r() < 0.7 ? 4 : 6;
      const of = Array.from({ length: Math.floor(r() * 8) }, () => randomRange(r, family));
      const builder = new MergedRangesBuilder(family);
      for (const b of of) builder.add(b);
      const set = builder.build();
      for (let q = 0; q < 10; q++) {
        const query = Array.from({ length: Math.floor(r() * 3) }, () => randomRange(r, r() < 0.9 ? family : family === 4 ? 6 : 4));
        const within = of.length > 0 && setWithin(query, of);
        const nowWithin = !set.empty && query.every((x) => set.covers(x));
        const overlap = setsOverlap(query, of);
        const nowOverlap = query.some((x) => set.meets(x));
        if (within !== nowWithin || overlap !== nowOverlap) wrong.push(`${JSON.stringify({ of, query }, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

const HEADER = '# 2025-02-11 08:30:02 by RouterOS 7.18\n# software id = Q4WB-8ZJ1\n';
const LISTS = ['a', 'b', 'c'];

function randomAddress(r: () => number, family: IpFamily): string {
  const x = r();
  if (family === 4) {
    const o = () => Math.floor(r() * 4);
    if (x < 0.45) return `10.0.${o()}.${o() * 64}/${26 + Math.floor(r() * 7)}`;
    if (x < 0.65) return `10.0.${o()}.${o()}`;
    if (x < 0.75) return `10.0.${o()}.${o()}-10.0.${o()}.${o()}`;
    if (x < 0.8) return 'host.example.com';
    if (x < 0.85) return 'fd00::1';
    if (x < 0.9) return `10.0.0.${o()}/33`;
    return `0.0.0.0/${Math.floor(r() * 3)}`;
  }
  if (x < 0.6) return `fd00::${Math.floor(r() * 4).toString(16)}00/${120 + Math.floor(r() * 9)}`;
  if (x < 0.75) return `fd00::${Math.floor(r() * 1024).toString(16)}`;
  if (x < 0.85) return '10.0.0.1';
  return `fd00::1-fd00::${Math.floor(r() * 1024).toString(16)}`;
}

function randomScript(r: () => number): string {
  const lines: string[] = [];
  if (r() < 0.8) lines.push(HEADER);
  for (const family of [4, 6] as const) {
    lines.push(family === 4 ? '/ip firewall address-list' : '/ipv6 firewall address-list');
    const n = Math.floor(r() * 10);
    for (let i = 0; i < n; i++) {
      const parts = [`add address=${randomAddress(r, family)}`, `list=${LISTS[Math.floor(r() * LISTS.length)]}`];
      const x = r();
      if (x < 0.08) parts.push('disabled=yes');
      else if (x < 0.12) parts.push('disabled=no');
      else if (x < 0.17) parts.push('timeout=1d');
      else if (x < 0.2) parts.push('timeout=0s');
      else if (x < 0.22) parts[1] = 'list=$dyn';
      const line = parts.join(' ');
      lines.push(r() < 0.05 ? `:if ($x = 1) do={ ${line} }` : line);
    }
    // Later changes: the entries they touch keep their own properties (no longer log-backed),
    // some of them set under control flow or from variables.
    for (let i = Math.floor(r() * 3); i > 0; i--) {
      const list = LISTS[Math.floor(r() * LISTS.length)];
      const change = [
        `set [find list=${list}] disabled=yes`,
        `set [find list=${list}] disabled=no`,
        `disable [find list=${list}]`,
        `set [find list=${list}] timeout=$t`,
        `set [find list=${list}] address=$a`,
        `unset [find list=${list}] timeout`,
        `set [find list=${list}] list=${LISTS[Math.floor(r() * LISTS.length)]}`,
        `add address=$a list=${list}`,
      ][Math.floor(r() * 8)]!;
      lines.push(r() < 0.4 ? `:if ($x = 1) do={ ${change} }` : change);
    }
  }
  if (r() < 0.1) lines.push(`/ip dhcp-server\nadd address-pool=p address-lists=${r() < 0.5 ? LISTS[Math.floor(r() * LISTS.length)] : '$l'} name=d`);
  if (r() < 0.2) lines.push(`/ip firewall filter\nadd action=add-src-to-address-list address-list=${LISTS[Math.floor(r() * LISTS.length)]} chain=input`);
  return lines.join('\n') + '\n';
}

describe('addressListMembership answers as before', () => {
  it('on random address-list sections', () => {
    const r = rng(7);
    const wrong: string[] = [];
    const seen: Record<string, number> = {};
    for (let round = 0; round < 600; round++) {
      const text = randomScript(r);
      const config = build(text);
      // Values marked uncertain on items that are not: the model never makes these (a change
      // under control flow marks its item too), but the answer must not depend on that.
      if (r() < 0.3) {
        for (const item of [...config.items('/ip/firewall/address-list'), ...config.items('/ipv6/firewall/address-list')]) {
          const name = r() < 0.5 ? 'disabled' : 'list';
          const v = r() < 0.3 ? item.props.get(name) : undefined;
          if (v !== undefined) item.props.set(name, { ...v, uncertain: true });
        }
      }
      for (let q = 0; q < 12; q++) {
        const family: IpFamily = r() < 0.6 ? 4 : 6;
        const list = [...LISTS, 'none'][Math.floor(r() * 4)]!;
        const set = Array.from({ length: 1 + Math.floor(r() * 2) }, () =>
          family === 4 ? { family, first: 0x0a000000n + BigInt(Math.floor(r() * 1024)), last: 0n } : { family, first: (0xfd00n << 112n) + BigInt(Math.floor(r() * 1024)), last: 0n },
        ).map((b) => ({ ...b, last: b.first + BigInt(Math.floor(r() * 70)) }));
        const now = addressListMembership(config, family, list, set);
        const before = legacy.addressListMembership(config, family, list, set);
        seen[now] = (seen[now] ?? 0) + 1;
        if (now !== before) wrong.push(`${now} ≠ ${before} for ${list}/${family} in:\n${text}`);
      }
    }
    expect(wrong.slice(0, 3)).toEqual([]);
    // The inputs reach all three answers, often.
    for (const answer of ['yes', 'no', 'unknown']) expect(seen[answer] ?? 0).toBeGreaterThan(300);
  });
});
