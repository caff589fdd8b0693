/**
 * The IPv4 and IPv6 fast paths of prefix.ts and address-lists.ts must give exactly what the general
 * parsers gave before them (prefix-legacy.ts): same values, same error texts, same key order.
 */
import { describe, it, expect } from 'vitest';
import { rng as seeded } from '../../../bench/generate.mjs';
import { Validator } from 'ip-num';
import * as current from '../src/analysis/prefix.js';
import { parseAddressOrRange } from '../src/analysis/firewall/address-lists.js';
import * as legacy from './prefix-legacy.js';

/** Deterministic PRNG (the benchmark generator's mulberry32) so a failure replays. */
const rng = (seed: number): (() => number) => seeded(seed).next;

/** JSON with bigints and key order preserved: equal text ⇔ identical results. */
function show(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x === undefined ? '<undefined>' : x)) ?? '<undefined>';
}

const EDGES = [
  '', ' ', '0.0.0.0', '0.0.0.0/0', '255.255.255.255', '255.255.255.255/32', '256.0.0.1', '1.256.0.1', '1.2.3.256',
  '01.2.3.4', '1.02.3.4', '1.2.3.04', '1.2.3.00', '00.0.0.0', '1.2.3', '1.2.3.', '.1.2.3', '1..2.3', '1.2.3.4.',
  '1.2.3.4.5', '1234.1.1.1', '1.2.3.4/33', '1.2.3.4/32', '1.2.3.4/0', '1.2.3.4/024', '1.2.3.4/0024', '1.2.3.4/',
  '1.2.3.4//24', '1.2.3.4/2/4', '1.2.3.4/-1', '1.2.3.4/+1', '1.2.3.4/ 24', '1.2.3.4 /24', ' 1.2.3.4', '1.2.3.4 ',
  '\t1.2.3.4/24\n', '1.2.3.4\n', '1. 2.3.4', '1.2.3.4%ether1', '1.2.3.4/24%ether1', '1.2.3.4%ether1/24',
  '10.1.101.1/24', '10.0.0.0-10.0.0.9', '10.0.0.9-10.0.0.0', '10.0.0.1 - 10.0.0.9', '10.0.0.1-', '-10.0.0.1',
  '10.0.0.0/8-10.0.0.9', '1.2.3.4-fe80::1', 'fe80::1', 'fe80::1%ether1', 'fe80::/64%ether1', '::', '::/0', '::1/128',
  '2001:db8::/32', '2001:DB8::1/64', '::ffff:1.2.3.4', '::ffff:1.2.3.256', '::ffff:01.2.3.4', '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:9', 'fd00:0:0::2/128', 'fd00::2/129', 'gggg::1', '٣.1.1.1', '1.1.1.1\u00a0', '\u20281.1.1.1',
  'example.com', '1e3.0.0.1', '0x1.0.0.1', '1.2.3.4/3e1', '999.999.999.999', '1.2.3.4/32 ', '1.2.3.4/99',
  ':::', ':', '1:', ':1', '1::2::3', '::/0', '::/128', '::/129', 'fd00::/064', 'fd00::/0064', 'fd00::/', '/64', '::/-1',
  '1:2:3:4:5:6:7:8/64', '1:2:3:4:5:6:7::/1', '::2:3:4:5:6:7:8/127', '1:2:3:4::5:6:7:8', 'abcde::1', '::ffff', '0:0:0:0:0:0:0:0',
  'FD00:ABCD::1/48', 'fd00::1 /64', 'fd00::1/ 64', ' fd00::1/64', 'fd00::1/64 ', 'fd00::g', '::1:', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/1',
];

const PIECES = ['0', '1', '9', '10', '00', '01', '010', '99', '100', '199', '249', '250', '255', '256', '299', '300', '999', '1000', '.', '.', '.', '/', '-', ' ', ':', '::', '%', 'a', 'f', 'ffff', '24', '32', '33', '\t'];

function randomQuad(r: () => number): string {
  const octet = () => {
    const x = r();
    if (x < 0.7) return String(Math.floor(r() * 256));
    return PIECES[Math.floor(r() * 17)]!;
  };
  let s = `${octet()}.${octet()}.${octet()}.${octet()}`;
  if (r() < 0.6) s += `/${r() < 0.9 ? Math.floor(r() * 36) : PIECES[Math.floor(r() * PIECES.length)]}`;
  return s;
}

function mutate(s: string, r: () => number): string {
  const at = Math.floor(r() * (s.length + 1));
  const x = r();
  if (x < 0.3) return s.slice(0, at) + s.slice(at + 1);
  if (x < 0.7) return s.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)]! + s.slice(at);
  if (x < 0.85) return `${s}-${randomQuad(r)}`;
  return r() < 0.5 ? ` ${s}` : `${s} `;
}

/** IPv6 text: hex groups, maybe one `::`, sometimes an IPv4 tail, a length, a scope or a defect. */
function randomIpv6(r: () => number): string {
  const group = () => {
    const digits = 1 + Math.floor(r() * 4);
    let g = '';
    for (let i = 0; i < digits; i++) g += '0123456789abcdefABCDEF'[Math.floor(r() * 22)];
    return g;
  };
  const total = r() < 0.3 ? 8 : Math.floor(r() * 8);
  const groups = Array.from({ length: total }, group);
  let s: string;
  if (total === 8 && r() < 0.8) s = groups.join(':');
  else {
    const at = Math.floor(r() * (total + 1));
    s = `${groups.slice(0, at).join(':')}::${groups.slice(at).join(':')}`;
  }
  if (r() < 0.1) s = s.replace(/[^:]*$/, `${Math.floor(r() * 300)}.${Math.floor(r() * 256)}.1.2`);
  if (r() < 0.5) s += `/${Math.floor(r() * 132)}`;
  if (r() < 0.05) s += '%ether1';
  return r() < 0.3 ? mutate(s, r) : s;
}

function inputs(): string[] {
  const r = rng(0x5eed);
  const out = [...EDGES];
  for (let i = 0; i < 20000; i++) {
    let s = randomQuad(r);
    const n = Math.floor(r() * 3);
    for (let k = 0; k < n; k++) s = mutate(s, r);
    out.push(s);
  }
  for (let i = 0; i < 8000; i++) out.push(randomIpv6(r));
  for (let i = 0; i < 3000; i++) {
    let s = '';
    const n = 1 + Math.floor(r() * 12);
    for (let k = 0; k < n; k++) s += PIECES[Math.floor(r() * PIECES.length)];
    out.push(s);
  }
  return out;
}

describe('IPv4 and IPv6 fast paths match the general parsers', () => {
  const all = inputs();

  /** Inputs where `now` and `before` disagree, as readable lines (empty = identical). */
  function differences(label: string, now: (s: string) => unknown, before: (s: string) => unknown): string[] {
    const out: string[] = [];
    for (const s of all) {
      const a = show(now(s));
      const b = show(before(s));
      if (a !== b) out.push(`${label}(${JSON.stringify(s)}): ${a} ≠ ${b}`);
    }
    return out.slice(0, 10);
  }

  it('parseAddress, parsePrefix, parsePrefixDetailed', () => {
    expect(differences('parseAddress', current.parseAddress, legacy.parseAddress)).toEqual([]);
    expect(differences('parsePrefix', current.parsePrefix, legacy.parsePrefix)).toEqual([]);
    expect(differences('parsePrefixDetailed', current.parsePrefixDetailed, legacy.parsePrefixDetailed)).toEqual([]);
  });

  it('parseAddressOrRange for both families, and ipv4PrefixBounds where it answers', () => {
    for (const family of [4, 6] as const) {
      expect(differences(`parseAddressOrRange/${family}`, (s) => parseAddressOrRange(s, family), (s) => legacy.parseAddressOrRange(s, family))).toEqual([]);
    }
    // Undefined means "ask the general parser"; any answer it gives must be the general one.
    expect(differences('ipv4PrefixBounds', (s) => current.ipv4PrefixBounds(s) ?? 'general', (s) => (current.ipv4PrefixBounds(s) === undefined ? 'general' : legacy.parseAddressOrRange(s, 4)))).toEqual([]);
  });

  it('answers the fast path for every plain dotted quad and prefix', () => {
    const r = rng(7);
    for (let i = 0; i < 5000; i++) {
      const v = Math.floor(r() * 2 ** 32);
      const len = Math.floor(r() * 33);
      const text = `${legacy.formatAddress(4, BigInt(v))}/${len}`;
      if (current.ipv4PrefixBounds(text) === undefined) expect.fail(`${text} took the general path`);
    }
  });

  it('ip-num accepts every IPv6 text without an IPv4 tail that ipv6Value accepts', () => {
    // parseAddress skips ip-num's check for these; this is the claim that makes it safe.
    const r = rng(3);
    const wrong: string[] = [];
    let accepted = 0;
    for (let i = 0; i < 20000; i++) {
      const t = randomIpv6(r).replace(/[/%].*$/, '').trim();
      if (t.includes('.') || !t.includes(':')) continue;
      const parsed = current.parseAddress(t);
      if (parsed !== undefined) accepted++;
      if (parsed !== undefined && !Validator.isValidIPv6String(t)[0]) wrong.push(t);
    }
    for (const t of ['::', '::1', '1::', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8', 'FFFF::ffff']) {
      if (!Validator.isValidIPv6String(t)[0] || current.parseAddress(t) === undefined) wrong.push(t);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(accepted).toBeGreaterThan(5000);
  });

  it('formatAddress', () => {
    const r = rng(11);
    const values: bigint[] = [0n, 1n, 255n, 256n, 0xffffffffn, 0x100000000n, (1n << 128n) - 1n, -1n];
    for (let i = 0; i < 5000; i++) {
      values.push(BigInt(Math.floor(r() * 2 ** 32)));
      let v = 0n;
      for (let k = 0; k < 8; k++) v = (v << 16n) | BigInt(r() < 0.4 ? 0 : Math.floor(r() * 65536));
      values.push(v);
    }
    const wrong = values.filter((v) => current.formatAddress(4, v) !== legacy.formatAddress(4, v) || (v >= 0n && current.formatAddress(6, v) !== legacy.formatAddress(6, v)));
    expect(wrong).toEqual([]);
  });
});
