import { describe, it, expect } from 'vitest';
import { IPv4, IPv6 } from 'ip-num';
import {
  parsePrefix,
  parsePrefixDetailed,
  parseAddress,
  formatAddress,
  contains,
  overlaps,
  sortAndSweep,
  type Bounds,
} from '../src/analysis/prefix.js';

describe('parsePrefix', () => {
  it('parses a network prefix', () => {
    const p = parsePrefix('10.1.101.0/24')!;
    expect(p.family).toBe(4);
    expect(p.length).toBe(24);
    expect(p.first).toBe(0x0a016500n);
    expect(p.last).toBe(0x0a0165ffn);
    expect(p.hasHostBits).toBe(false);
    expect(p.canonical).toBe('10.1.101.0/24');
  });

  it('detects host bits and gives the canonical prefix', () => {
    const p = parsePrefix('10.1.101.1/24')!;
    expect(p.hasHostBits).toBe(true);
    expect(p.canonical).toBe('10.1.101.0/24');
    expect(p.first).toBe(0x0a016500n);
  });

  it('treats a bare address as a host prefix', () => {
    const p = parsePrefix('10.0.0.1')!;
    expect(p.length).toBe(32);
    expect(p.explicitLength).toBe(false);
    expect(p.hasHostBits).toBe(false);
    expect(p.first).toBe(p.last);
    expect(parsePrefix('2001:db8::1')!.length).toBe(128);
  });

  it('parses IPv6 including ::/0 and compresses canonically', () => {
    const all = parsePrefix('::/0')!;
    expect(all.family).toBe(6);
    expect(all.first).toBe(0n);
    expect(all.last).toBe((1n << 128n) - 1n);
    expect(all.canonical).toBe('::/0');
    expect(parsePrefix('FD00:0:0:1::2/64')!.canonical).toBe('fd00:0:0:1::/64');
    expect(parsePrefix('fd00:0:0:1::2/64')!.hasHostBits).toBe(true);
    expect(parsePrefix('0.0.0.0/0')!.canonical).toBe('0.0.0.0/0');
  });

  it('strips a %scope', () => {
    const p = parsePrefix('fe80::1%ether1')!;
    expect(p.scope).toBe('ether1');
    expect(p.text).toBe('fe80::1');
    expect(p.length).toBe(128);
    const q = parsePrefix('172.17.0.1%wireguard1')!;
    expect(q.family).toBe(4);
    expect(q.scope).toBe('wireguard1');
    expect(parsePrefix('fe80::%bridge/64')!.length).toBe(64);
  });

  it('rejects what is not a prefix, without throwing', () => {
    for (const bad of ['', 'x', '10.0.0.0/33', '::/129', '10.0.0/8', '256.0.0.0/8', '10.0.0.0/-1', '1::2::3/64', 'vpn.example.com', '10.0.0.0/8/8', '10.0.0.01/32']) {
      expect(parsePrefix(bad), bad).toBeUndefined();
      expect(parsePrefixDetailed(bad).ok).toBe(false);
    }
  });
});

describe('addresses', () => {
  it('agrees with ip-num on address values', () => {
    for (const t of ['0.0.0.0', '255.255.255.255', '10.1.101.1', '192.0.2.33']) expect(parseAddress(t)!.value).toBe(IPv4.fromString(t).getValue());
    for (const t of ['::', '::1', '1::', '2001:db8::1', 'fe80::1:2', '::ffff:1.2.3.4', '64:ff9b::192.0.2.33', 'fd00:0:0:1::2', '1:2:3:4:5:6:7:8', 'FFFF:ffff::ffff'])
      expect(parseAddress(t)!.value, t).toBe(IPv6.fromString(t).getValue());
  });

  it('formats per RFC 5952', () => {
    expect(formatAddress(6, parseAddress('2001:db8:0:0:1:0:0:1')!.value)).toBe('2001:db8::1:0:0:1');
    expect(formatAddress(6, parseAddress('::1')!.value)).toBe('::1');
    expect(formatAddress(6, parseAddress('2001:db8:0:1:1:1:1:1')!.value)).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatAddress(6, 0n)).toBe('::');
    expect(formatAddress(4, 0xc0a80101n)).toBe('192.168.1.1');
  });
});

describe('contains / overlaps', () => {
  const p8 = parsePrefix('10.0.0.0/8')!;
  const p24 = parsePrefix('10.2.0.0/24')!;
  const other = parsePrefix('192.168.0.0/16')!;
  const v6 = parsePrefix('::/0')!;
  it('works within a family and never across', () => {
    expect(contains(p8, p24)).toBe(true);
    expect(contains(p24, p8)).toBe(false);
    expect(overlaps(p24, p8)).toBe(true);
    expect(overlaps(p8, other)).toBe(false);
    expect(contains(v6, p8)).toBe(false);
  });
});

describe('sortAndSweep', () => {
  it('reports exactly the overlapping pairs, outer first', () => {
    const texts = ['10.2.0.0/24', '192.168.0.0/16', '10.0.0.0/8', '10.2.0.5/32', '::/0', '10.3.0.0/16', 'fd00::/8'];
    const items = texts.map((t) => parsePrefix(t)!);
    const pairs: string[] = [];
    sortAndSweep(items, (p) => p, (a, b) => pairs.push(`${a.text} > ${b.text}`));
    expect(pairs.sort()).toEqual(
      ['10.0.0.0/8 > 10.2.0.0/24', '10.0.0.0/8 > 10.2.0.5/32', '10.0.0.0/8 > 10.3.0.0/16', '10.2.0.0/24 > 10.2.0.5/32', '::/0 > fd00::/8'].sort(),
    );
  });

  it('matches a brute-force check on random ranges', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const items: Bounds[] = [];
    for (let i = 0; i < 300; i++) {
      const first = BigInt(rnd() % 1000);
      items.push({ family: rnd() % 5 === 0 ? 6 : 4, first, last: first + BigInt(rnd() % 40) });
    }
    const swept = new Set<string>();
    sortAndSweep(items, (b) => b, (a, b) => swept.add([items.indexOf(a), items.indexOf(b)].sort((x, y) => x - y).join(',')));
    const brute = new Set<string>();
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++) if (overlaps(items[i]!, items[j]!)) brute.add(`${i},${j}`);
    expect(swept).toEqual(brute);
  });
});
