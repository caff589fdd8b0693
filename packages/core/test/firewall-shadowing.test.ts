/** Rule shadowing (the analysis behind firewall/unreachable-rule) and interface-list membership. */
import { describe, expect, it } from 'vitest';
import { filterTable, listMembership, listMembersExactly, shadowedRules } from '../src/index.js';
import { build } from './model-helpers.js';

const LISTS = [
  '/interface list',
  'add name=WAN',
  'add name=LAN',
  '/interface list member',
  'add interface=bridge list=LAN',
  'add interface=ether1 list=WAN',
].join('\n');

const shadows = (text: string) =>
  shadowedRules(build(text), filterTable(build(text), 4)).map((s) => [s.rule.comment, s.by.comment]);

describe('shadowedRules', () => {
  it('finds a WAN-only accept after the drop of everything not from LAN', () => {
    expect(shadows(`${LISTS}
/ip firewall filter
add action=drop chain=input comment=drop in-interface-list=!LAN
add action=accept chain=input comment=wg dst-port=13231 in-interface-list=WAN protocol=udp
add action=accept chain=input comment=wg-if dst-port=13231 in-interface=ether1 protocol=udp`)).toEqual([
      ['wg', 'drop'],
      ['wg-if', 'drop'],
    ]);
  });

  it('does not report an accept that LAN traffic still reaches, or one in another chain', () => {
    expect(shadows(`${LISTS}
/ip firewall filter
add action=drop chain=input comment=drop in-interface-list=!LAN
add action=accept chain=input comment=wg dst-port=13231 protocol=udp
add action=accept chain=forward comment=fw in-interface-list=WAN`)).toEqual([]);
  });

  it('does not report a duplicate with the same verdict (it changes nothing)', () => {
    expect(shadows(`/ip firewall filter
add action=accept chain=input comment=a protocol=icmp
add action=accept chain=input comment=b protocol=icmp`)).toEqual([]);
  });

  it('uses ports, addresses and connection states as sets', () => {
    expect(shadows(`/ip firewall filter
add action=drop chain=input comment=d dst-port=1-20000 protocol=udp src-address=10.0.0.0/8
add action=accept chain=input comment=inside dst-port=53,13231 protocol=udp src-address=10.1.0.0/16
add action=accept chain=input comment=outside dst-port=53 protocol=udp src-address=192.168.0.0/16
add action=accept chain=input comment=any-proto dst-port=53 src-address=10.1.0.0/16
add action=drop chain=input comment=states connection-state=established,related
add action=log chain=input comment=est-only connection-state=established`)).toEqual([
      ['inside', 'd'],
      ['est-only', 'states'],
    ]);
  });

  it('never proves anything with unmodelled matchers, variables or uncertain rules', () => {
    expect(shadows(`/ip firewall filter
add action=drop chain=input comment=limited limit=10,5:packet
add action=accept chain=input comment=a protocol=udp`)).toEqual([]);
    expect(shadows(`:if ($x) do={ /ip firewall filter add action=drop chain=input comment=maybe }
/ip firewall filter add action=accept chain=input comment=a protocol=udp`)).toEqual([]);
  });

  it('stops proving when its comparison budget is spent (large look-alike block lists)', () => {
    const text = `/ip firewall filter
add action=drop chain=input comment=d in-interface=ether1
add action=accept chain=input comment=a in-interface=ether1 protocol=udp`;
    const c = build(text);
    expect(shadowedRules(c, filterTable(c, 4)).map((s) => s.rule.comment)).toEqual(['a']);
    expect(shadowedRules(c, filterTable(c, 4), 0)).toEqual([]);
  });

  it('skips disabled rules on both sides', () => {
    expect(shadows(`/ip firewall filter
add action=drop chain=input comment=off disabled=yes
add action=accept chain=input comment=a protocol=udp`)).toEqual([]);
  });
});

describe('interface lists', () => {
  const config = build(`${LISTS}
add interface=wg1 list=LAN disabled=yes
/interface list
add name=ALL-LOCAL include=LAN,VPN
add name=VPN
/interface list member
add interface=wg1 list=VPN`);

  it('answers membership with include and disabled members', () => {
    expect(listMembership(config, 'LAN', 'bridge')).toBe('yes');
    expect(listMembership(config, 'LAN', 'wg1')).toBe('no');
    expect(listMembership(config, 'ALL-LOCAL', 'wg1')).toBe('yes');
    expect(listMembership(config, 'ALL-LOCAL', 'ether1')).toBe('no');
    expect(listMembership(config, 'NOPE', 'ether1')).toBe('unknown');
    expect(listMembership(config, 'all', undefined)).toBe('yes');
    expect(listMembership(config, 'none', 'bridge')).toBe('no');
    expect(listMembership(config, 'static', 'bridge')).toBe('yes');
    expect(listMembership(config, 'dynamic', 'bridge')).toBe('no');
    expect([...listMembersExactly(config, 'ALL-LOCAL')!].sort()).toEqual(['bridge', 'wg1']);
  });

  it('a list that detect-internet fills is open', () => {
    const c = build(`${LISTS}\n/interface detect-internet\nset detect-interface-list=all wan-interface-list=WAN`);
    expect(listMembership(c, 'WAN', 'ether1')).toBe('yes');
    expect(listMembership(c, 'WAN', 'bridge')).toBe('unknown');
    expect(listMembersExactly(c, 'WAN')).toBeUndefined();
  });
});
