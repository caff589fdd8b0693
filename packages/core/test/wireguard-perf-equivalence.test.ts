/**
 * The WireGuard analyses rewritten for big exports must answer exactly as before
 * (wireguard-conflicts-legacy.ts): random peers crowd a few interfaces with duplicate, nested,
 * host-bit, IPv4 and IPv6 prefixes, repeated entries within one peer, disabled peers and
 * prefixes claimed under `:if` (uncertain).
 */
import { describe, expect, it } from 'vitest';
import { rng as seeded } from '../../../bench/generate.mjs';
import { parse } from '@roslint/parser';
import { buildConfig } from '../src/model/evaluate.js';
import type { RouterConfig } from '../src/model/types.js';
import { type AllowedAddressConflicts, type AllowedClaim, allowedAddressConflicts } from '../src/analysis/allowed-address-conflicts.js';
import { allowedAddressConflicts as legacyConflicts } from './wireguard-conflicts-legacy.js';

/** Deterministic PRNG (the benchmark generator's mulberry32) so a failure replays. */
const rng = (seed: number): (() => number) => seeded(seed).next;

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

const PREFIXES = [
  '10.0.0.0/8', '10.0.0.0/16', '10.0.0.0/24', '10.0.0.1/24', '10.0.0.1/32', '10.0.0.2/32', '10.0.0.1', '10.0.1.0/24',
  '10.0.1.7/32', '10.1.0.0/16', '10.1.2.3/32', '0.0.0.0/0', '192.168.0.0/16', '192.168.1.0/24', '192.168.1.1/32',
  '::/0', 'fd00::/8', 'fd00::/64', 'fd00::1/128', 'fd00::1/64', 'fd00:0:0::2/128', 'fd00::2', 'fd01::/64', '2001:db8::/32',
  '::ffff:10.0.0.1/128', 'fe80::1%wg0/64', 'not-a-prefix', '10.0.0.0/33',
];

function randomConfig(seed: number): RouterConfig {
  const r = rng(seed);
  const ifaces = 1 + Math.floor(r() * 3);
  const lines: string[] = [];
  for (let k = 0; k < ifaces; k++) lines.push(`/interface/wireguard/add name=wg${k}`);
  const peers = 1 + Math.floor(r() * (seed % 5 === 0 ? 60 : 12));
  for (let p = 0; p < peers; p++) {
    const allowed = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, PREFIXES)).join(',');
    const disabled = r() < 0.1 ? ' disabled=yes' : '';
    const quoted = r() < 0.3 ? `"${allowed}"` : allowed;
    const add = `/interface/wireguard/peers/add interface=wg${Math.floor(r() * ifaces)} name=p${p % 7} allowed-address=${quoted}${disabled}`;
    lines.push(r() < 0.05 ? `:if ($x = 1) do={ ${add} }` : add);
  }
  const file = `c${seed}.rsc`;
  return buildConfig(parse(lines.join('\n'), { file }), { file }).config;
}

function describeConflicts(c: AllowedAddressConflicts): string[] {
  const claim = (x: AllowedClaim) => `${x.peer.index}:${x.entry.text}@${x.entry.span.start}:${x.prefix.canonical}`;
  return [
    ...c.duplicates.map((d) => `dup ${d.interfaceName} ${claim(d.first)} ${claim(d.again)}`),
    ...c.overlaps.map((o) => `overlap ${o.interfaceName} ${claim(o.outer)} > ${o.inners.map(claim).join(' ')}`),
  ];
}

describe('allowedAddressConflicts: the stack sweep is equivalent to the canonical-text map and generic sweep', () => {
  it('finds the same duplicates and overlaps, in the same order, on random crowded peers', () => {
    let dups = 0;
    let overlaps = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const expected = describeConflicts(legacyConflicts(randomConfig(seed)));
      // A fresh config: the analyses memoise the view per config.
      expect(describeConflicts(allowedAddressConflicts(randomConfig(seed))), `seed ${seed}`).toEqual(expected);
      for (const line of expected) line.startsWith('dup') ? dups++ : overlaps++;
    }
    // The generator must produce plenty of both, or the comparison proves little.
    expect(dups).toBeGreaterThan(500);
    expect(overlaps).toBeGreaterThan(500);
  }, 120_000);
});
