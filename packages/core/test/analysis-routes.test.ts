import { describe, expect, it } from 'vitest';
import { fakeConfig } from './analysis-wireguard-model.js';
import { RangeSet, lookupDefaultRoute, lookupRoute, routesByInterface, routingAnalysis, tableSelectedBy, underlayMtu } from '../src/analysis/routes.js';
import { parseAddress } from '../src/analysis/prefix.js';

const ip = (t: string) => parseAddress(t)!.value;
const egressOf = (c: string, dst: string, family: 4 | 6 = 4) => {
  const l = lookupRoute(routingAnalysis(fakeConfig(c)), family, ip(dst));
  return { via: l.winners.map((r) => r.egress), certain: l.certain, dst: l.winners.map((r) => r.dstText) };
};

const SITE = [
  '/ip/address/add address=10.255.255.1/30 interface=wireguard1',
  '/ip/address/add address=192.168.88.1/24 interface=bridge',
  '/ip/address/add address=203.0.113.2/29 interface=ether1',
  '/ip/route/add gateway=203.0.113.1',
  '/ip/route/add dst-address=10.1.101.0/24 gateway=wireguard1',
  '/ip/route/add dst-address=10.1.102.0/24 gateway=10.255.255.2',
  '/ip/route/add dst-address=10.1.103.0/24 gateway=10.1.102.1',
  '/ip/route/add dst-address=10.1.104.0/24 gateway=172.16.0.1%wg-x',
  '/ip/route/add dst-address=10.1.105.0/24 gateway=wireguard1 disabled=yes',
  // The exported flag form `add blackhole …` reaches the model as the property `blackhole`.
  '/ip/route/add dst-address=10.1.0.0/16 blackhole=yes',
].join('\n');

describe('lookupRoute (longest prefix match in main)', () => {
  it('picks the most specific route and resolves interface gateways', () => {
    expect(egressOf(SITE, '10.1.101.7')).toEqual({ via: [['wireguard1']], certain: true, dst: ['10.1.101.0/24'] });
  });
  it('resolves a gateway IP through a connected subnet', () => {
    expect(egressOf(SITE, '10.1.102.7').via).toEqual([['wireguard1']]);
  });
  it('follows one level of recursion through another static route', () => {
    expect(egressOf(SITE, '10.1.103.7').via).toEqual([['wireguard1']]);
  });
  it('takes the interface of ip%iface', () => {
    expect(egressOf(SITE, '10.1.104.7').via).toEqual([['wg-x']]);
  });
  it('ignores disabled routes and reports blackholes as leaving nowhere', () => {
    expect(egressOf(SITE, '10.1.105.7')).toMatchObject({ via: [[]], dst: ['10.1.0.0/16'] });
  });
  it('falls back to the default route, whose gateway is in a connected subnet', () => {
    expect(egressOf(SITE, '8.8.8.8')).toEqual({ via: [['ether1']], certain: true, dst: ['0.0.0.0/0'] });
  });
  it('prefers connected (distance 0) over a static route of the same length', () => {
    const c = SITE + '\n/ip/route/add dst-address=192.168.88.0/24 gateway=wireguard1';
    expect(egressOf(c, '192.168.88.20')).toMatchObject({ via: [['bridge']], dst: ['192.168.88.0/24'] });
  });
  it('lists ties of equal length and distance (dhcp-client default vs static default)', () => {
    const c = '/ip/dhcp-client/add interface=ether1\n/ip/route/add dst-address=0.0.0.0/0 gateway=wg-client';
    expect(egressOf(c, '198.51.100.1').via.flat().sort()).toEqual(['ether1', 'wg-client']);
  });
  it('honours default-route-distance and add-default-route=no of DHCP clients', () => {
    const c = '/ip/dhcp-client/add interface=ether1 default-route-distance=5\n/ip/route/add gateway=wg-client';
    expect(egressOf(c, '198.51.100.1').via).toEqual([['wg-client']]);
    const d = '/ip/dhcp-client/add interface=ether1 add-default-route=no\n/ip/route/add gateway=wg-client distance=9';
    expect(egressOf(d, '198.51.100.1').via).toEqual([['wg-client']]);
  });
  it('adds default routes of PPP clients only with add-default-route=yes', () => {
    const on = '/interface/pppoe-client/add name=pppoe-out1 interface=ether1 add-default-route=yes';
    expect(egressOf(on, '1.1.1.1').via).toEqual([['pppoe-out1']]);
    expect(egressOf('/interface/pppoe-client/add name=pppoe-out1 interface=ether1', '1.1.1.1').via).toEqual([]);
  });
  it('is not certain when a route destination is dynamic', () => {
    expect(egressOf(SITE + '\n/ip/route/add dst-address=$x gateway=wireguard1', '10.1.101.7').certain).toBe(false);
  });
  it('keeps routes of other tables out of main', () => {
    const c = '/ip/route/add gateway=wireguard1 routing-table=vpn\n/ip/route/add gateway=ether1';
    expect(egressOf(c, '1.1.1.1').via).toEqual([['ether1']]);
    const ra = routingAnalysis(fakeConfig(c));
    expect(lookupRoute(ra, 4, ip('1.1.1.1'), 'vpn').winners[0]?.egress).toEqual(['wireguard1']);
  });
  it('works for IPv6', () => {
    const c = '/ipv6/address/add address=fd00:0:0:1::1/64 interface=wireguard1\n/ipv6/route/add dst-address=fd00:0:0:2::/64 gateway=fd00:0:0:1::2';
    expect(egressOf(c, 'fd00:0:0:2::9', 6).via).toEqual([['wireguard1']]);
  });
});

describe('table selectors', () => {
  it('finds routing rules, mangle marks and VRFs that select a table', () => {
    const ra = routingAnalysis(
      fakeConfig(
        [
          '/routing/rule/add src-address=192.168.1.0/24 action=lookup table=vpn',
          '/routing/rule/add action=drop table=other',
          '/ip/firewall/mangle/add chain=prerouting action=mark-routing new-routing-mark=via-wg',
          '/ip/firewall/mangle/add chain=prerouting action=mark-routing new-routing-mark=off disabled=yes',
        ].join('\n'),
      ),
    );
    expect(tableSelectedBy(ra, 'vpn')).toHaveLength(1);
    expect(tableSelectedBy(ra, 'via-wg')).toHaveLength(1);
    expect(tableSelectedBy(ra, 'other')).toHaveLength(0);
    expect(tableSelectedBy(ra, 'off')).toHaveLength(0);
  });
});

describe('underlayMtu', () => {
  it('is 1500 assumed when nothing is known', () => {
    expect(underlayMtu(routingAnalysis(fakeConfig('')), 4, ip('1.1.1.1'))).toMatchObject({ mtu: 1500, assumed: true });
  });
  it('follows the route to the endpoint onto a pppoe-client with max-mtu', () => {
    const c = fakeConfig(
      '/interface/pppoe-client/add name=pppoe-out1 interface=ether1 max-mtu=1480 add-default-route=yes\n/ip/route/add dst-address=0.0.0.0/0 gateway=wg0 routing-table=vpn',
    );
    expect(underlayMtu(routingAnalysis(c), 4, ip('198.51.100.7'))).toMatchObject({
      mtu: 1480,
      interface: 'pppoe-out1',
      explanation: 'pppoe-out1 max-mtu',
    });
  });
  it('uses the default route when no destination is given and skips the tunnel itself', () => {
    const c = fakeConfig(
      [
        '/interface/ethernet/add default-name=ether1 mtu=1400',
        '/ip/dhcp-client/add interface=ether1 default-route-distance=2',
        '/ip/route/add gateway=wg0',
      ].join('\n'),
    );
    const ra = routingAnalysis(c);
    expect(lookupDefaultRoute(ra, 4).winners[0]?.egress).toEqual(['wg0']);
    expect(underlayMtu(ra, 4, undefined, 'wg0')).toMatchObject({ mtu: 1400, interface: 'ether1' });
  });
  it('uses the vlan mtu when the endpoint goes out a vlan', () => {
    const c = fakeConfig(
      [
        '/interface/vlan/add name=wan-vlan interface=ether1 vlan-id=7 mtu=1480',
        '/ip/address/add address=198.51.100.2/24 interface=wan-vlan',
      ].join('\n'),
    );
    expect(underlayMtu(routingAnalysis(c), 4, ip('198.51.100.9'))).toMatchObject({ mtu: 1480, interface: 'wan-vlan' });
  });
});

describe('blackhole flag', () => {
  it('reads the positional `blackhole` flag of `add blackhole dst-address=…` from the command log', () => {
    const c = fakeConfig('/ip/route/add dst-address=10.0.0.0/8\n/ip/route/add gateway=ether1');
    // fakeConfig keeps no positional args; add the flag as the evaluator's command log records it.
    const cmd = c.commands[0]!;
    cmd.args.unshift({ name: null, value: 'blackhole', span: { start: 14, end: 23 } });
    (cmd.argNames as (string | null)[]).unshift(null);
    (cmd.argValues as (string | undefined)[]).unshift('blackhole');
    const l = lookupRoute(routingAnalysis(c), 4, ip('10.1.2.3'));
    expect(l.winners.map((r) => [r.dstText, r.blackhole, r.egress])).toEqual([['10.0.0.0/8', true, []]]);
  });
});

describe('RangeSet / routesByInterface', () => {
  it('answers overlap queries for containing, contained, disjoint and adjacent ranges', () => {
    const b = (f: number, l: number) => ({ family: 4 as const, first: BigInt(f), last: BigInt(l) });
    const set = new RangeSet([b(10, 19), b(40, 49), b(0, 100), b(200, 200)]);
    expect(set.overlapsAny(b(150, 199))).toBe(false);
    expect(set.overlapsAny(b(150, 200))).toBe(true);
    expect(set.overlapsAny(b(42, 43))).toBe(true);
    expect(new RangeSet([b(10, 19)]).overlapsAny(b(20, 30))).toBe(false);
    expect(new RangeSet([]).overlapsAny(b(0, 1))).toBe(false);
  });
  it('groups certain routes by egress interface, table and family; uncertain ones apart', () => {
    const ra = routingAnalysis(
      fakeConfig(
        [
          '/ip/address/add address=10.255.255.1/30 interface=wg0',
          '/ip/route/add dst-address=10.1.0.0/16 gateway=10.255.255.2',
          '/ip/route/add dst-address=0.0.0.0/0 gateway=wg0 routing-table=vpn',
          '/ip/route/add dst-address=$x gateway=wg0',
        ].join('\n'),
      ),
    );
    const idx = routesByInterface(ra);
    expect(idx.byInterface.get('wg0')?.map((g) => [g.table, g.family, g.routes.length])).toEqual([
      ['main', 4, 1],
      ['vpn', 4, 1],
    ]);
    expect(idx.uncertain).toHaveLength(1);
  });
});
