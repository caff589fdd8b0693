/**
 * The firewall analyses' caches: address lists merged on first request (address-lists.ts),
 * matchers compiled for the most recent config (matchers.ts), shadowing bucket keys (shadowing.ts).
 */
import { describe, expect, it } from 'vitest';
import { addressListMembership, addressLists } from '../src/analysis/firewall/address-lists.js';
import { evaluateChain } from '../src/analysis/firewall/chain-walk.js';
import { filterTable } from '../src/analysis/firewall/filter-rules.js';
import { matchRule } from '../src/analysis/firewall/matchers.js';
import { shadowedRules } from '../src/analysis/firewall/shadowing.js';
import { SharedByValue } from '../src/analysis/firewall/shared-by-value.js';
import { type PacketDescription, anyAddress, nonLoopback } from '../src/analysis/firewall/packet.js';
import { build } from './model-helpers.js';

const HEADER = '# 2025-02-11 08:30:02 by RouterOS 7.18\n# software id = Q4WB-8ZJ1\n';
const host = (last: bigint) => [{ family: 4 as const, first: 0x0a000000n + last, last: 0x0a000000n + last }];

describe('address lists merged on first request', () => {
  const config = build(
    `${HEADER}/ip firewall address-list\nadd address=10.0.0.1 list=a\nadd address=10.0.0.0/24 list=feed\nadd address=10.0.0.2 list=a\nadd address=10.0.0.9 disabled=yes list=b\n`,
  );

  it('answers each list from its own entries, whichever is asked first', () => {
    expect(addressListMembership(config, 4, 'feed', host(200n))).toBe('yes');
    expect(addressListMembership(config, 4, 'a', host(2n))).toBe('yes');
    expect(addressListMembership(config, 4, 'a', host(3n))).toBe('no');
    expect(addressListMembership(config, 4, 'b', host(9n))).toBe('no');
  });

  it('builds a list once and knows which lists exist', () => {
    const index = addressLists(config, 4);
    expect(index.list('a')).toBe(index.list('a'));
    expect(index.list('b')?.members.empty).toBe(true); // named only by a disabled entry
    expect(index.list('missing')).toBeUndefined();
    expect(addressLists(config, 6).list('a')).toBeUndefined();
  });

  it('opens every list when an entry names its list from a variable', () => {
    const open = build(`${HEADER}/ip firewall address-list\nadd address=10.0.0.1 list=a\nadd address=10.0.0.5 list=$which\n`);
    expect(addressLists(open, 4).list('a')?.open).toBe(true);
    expect(addressListMembership(open, 4, 'a', host(3n))).toBe('unknown');
    expect(addressListMembership(open, 4, 'other', host(3n))).toBe('unknown');
  });
});

describe('matchers compiled for the most recent config', () => {
  const packet: PacketDescription = {
    family: 4,
    inInterface: 'ether1',
    protocol: 'udp',
    src: anyAddress(4),
    dst: nonLoopback(4),
    dstPort: 13231,
    connectionState: 'new',
  };
  const accepts = build(`${HEADER}/ip firewall filter\nadd action=accept chain=input dst-port=13231 protocol=udp\nadd action=drop chain=input\n`);
  const drops = build(`${HEADER}/ip firewall filter\nadd action=accept chain=input dst-port=51820 protocol=udp\nadd action=drop chain=input\n`);

  it('gives the same answers when questions about two configs alternate', () => {
    const first = [evaluateChain(accepts, 4, 'input', packet).verdict, evaluateChain(drops, 4, 'input', packet).verdict];
    expect(first).toEqual(['accept', 'drop']);
    for (let i = 0; i < 3; i++) {
      expect(evaluateChain(accepts, 4, 'input', packet).verdict).toBe('accept');
      expect(evaluateChain(drops, 4, 'input', packet).verdict).toBe('drop');
    }
    const [a, b] = [filterTable(accepts, 4).rules[0]!, filterTable(drops, 4).rules[0]!];
    expect([matchRule(accepts, a, packet).result, matchRule(drops, b, packet).result, matchRule(accepts, a, packet).result]).toEqual(['yes', 'no', 'yes']);
  });

  it('keeps definite results free of shared mutable state', () => {
    const rule = filterTable(drops, 4).rules[0]!;
    const m = matchRule(drops, rule, packet);
    expect(m).toEqual({ result: 'no', unknown: [] });
    expect(Object.isFrozen(m) && Object.isFrozen(m.unknown)).toBe(true);
  });
});

describe('shadowing bucket keys shared between tables', () => {
  const text = `${HEADER}/ip firewall filter
add action=drop chain=input comment=wide protocol=udp
add action=accept chain=input comment=narrow dst-port=53 protocol=udp
add action=accept chain=input comment=other-dims dst-port=53 in-interface=ether1 protocol=udp src-address=10.0.0.0/8
add action=drop chain=forward comment=iface in-interface=ether2
add action=accept chain=forward comment=iface-narrow in-interface=ether2 protocol=tcp
`;
  const shadows = () => {
    const config = build(text);
    return shadowedRules(config, filterTable(config, 4)).map((s) => [s.rule.comment, s.by.comment]);
  };

  it('finds the same shadows on every table built from the same text', () => {
    const expected = [
      ['narrow', 'wide'],
      ['other-dims', 'wide'],
      ['iface-narrow', 'iface'],
    ];
    expect(shadows()).toEqual(expected);
    expect(shadows()).toEqual(expected);
  });
});

describe('matcher sets shared between rules and routers', () => {
  const shadows = (family: 4 | 6, text: string) => {
    const config = build(`${HEADER}/${family === 4 ? 'ip' : 'ipv6'} firewall filter\n${text}`);
    return shadowedRules(config, filterTable(config, family)).map((s) => s.rule.comment);
  };

  it.each([
    ['src-address=10.0.0.0/8', 'src-address=10.1.0.0/16'],
    ['protocol=tcp dst-port=22,80', 'protocol=tcp dst-port=22'],
    ['connection-state=new,invalid', 'connection-state=new'],
  ])('keeps %s and its negation apart', (wide, narrow) => {
    const later = `add action=accept chain=input comment=narrow ${narrow}\n`;
    for (let i = 0; i < 2; i++) {
      expect(shadows(4, `add action=drop chain=input ${wide}\n${later}`)).toEqual(['narrow']);
      expect(shadows(4, `add action=drop chain=input ${wide.replace(/=/g, '=!').replace('=!tcp', '=tcp')}\n${later}`)).toEqual([]);
    }
  });

  it('keeps the families apart', () => {
    const text = 'add action=drop chain=input src-address=10.0.0.0/8\nadd action=accept chain=input comment=narrow src-address=10.1.0.0/16\n';
    expect(shadows(4, text)).toEqual(['narrow']);
    expect(shadows(6, text)).toEqual([]); // IPv4 prefixes in an IPv6 table are not understood
  });
});

describe('SharedByValue', () => {
  it('makes each (name, text, variant) once, keeps undefined results, and starts over past its bound', () => {
    const cache = new SharedByValue<number | undefined>(3);
    let made = 0;
    const make = (v: number | undefined) => () => (made++, v);
    expect(cache.get('port', '22', 0, make(1))).toBe(1);
    expect(cache.get('port', '22', 1, make(2))).toBe(2);
    expect(cache.get('proto', '22', 0, make(undefined))).toBeUndefined();
    expect([cache.get('port', '22', 0, make(9)), cache.get('proto', '22', 0, make(9)), made]).toEqual([1, undefined, 3]);
    expect(cache.get('port', '80', 0, make(4))).toBe(4); // the fourth result: made after starting over
    expect(cache.get('port', '22', 0, make(5))).toBe(5);
  });
});
