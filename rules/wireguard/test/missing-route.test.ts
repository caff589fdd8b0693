import { describe, expect, it } from 'vitest';
import { runRule } from '../../../packages/core/test/analysis-wireguard-model.js';
import { wireguardMissingRoute as rule } from "../missing-route.js";

const run = runRule;

const WG = '/interface/wireguard/add name=wg0 mtu=1420\n/ip/address/add address=10.255.255.1/30 interface=wg0';
const peer = (allowed: string, extra = '') =>
  `/interface/wireguard/peers/add interface=wg0 public-key="x" comment=office2 allowed-address=${allowed}${extra}`;

describe('wireguard/missing-route', () => {
  it('fires on the one prefix that has no route, naming peer and interface', () => {
    const text = `${WG}\n${peer('10.255.255.2/32,10.1.101.0/24')}`;
    const r = run(rule, text);
    expect(r).toHaveLength(1);
    expect(r[0]!.at).toBe('10.1.101.0/24');
    expect(r[0]!.message).toContain('allowed-address 10.1.101.0/24 of peer `office2` is not routed through `wg0`');
    expect(r[0]!.message).toContain('/ip route add dst-address=10.1.101.0/24 gateway=wg0');
  });
  it('is quiet with a route via the interface, via a gateway in its subnet, or via ip%iface', () => {
    const p = peer('10.255.255.2/32,10.1.101.0/24');
    expect(run(rule, `${WG}\n${p}\n/ip/route/add dst-address=10.1.101.0/24 gateway=wg0`)).toEqual([]);
    expect(run(rule, `${WG}\n${p}\n/ip/route/add dst-address=10.1.0.0/16 gateway=10.255.255.2`)).toEqual([]);
    expect(run(rule, `${WG}\n${p}\n/ip/route/add dst-address=10.1.101.0/24 gateway=10.255.255.2%wg0`)).toEqual([]);
  });
  it('does not count a route through another interface, or a disabled route', () => {
    const p = peer('10.1.101.0/24');
    expect(run(rule, `${WG}\n${p}\n/ip/route/add dst-address=10.1.101.0/24 gateway=ether2`)).toHaveLength(1);
    expect(run(rule, `${WG}\n${p}\n/ip/route/add dst-address=10.1.101.0/24 gateway=wg0 disabled=yes`)).toHaveLength(1);
  });
  it('counts default routes via the interface (0.0.0.0/0 full tunnel)', () => {
    expect(run(rule, `${WG}\n${peer('0.0.0.0/0')}\n/ip/route/add dst-address=0.0.0.0/0 gateway=wg0`)).toEqual([]);
    // No subnet on the interface: nothing at all goes into the tunnel.
    const bare = '/interface/wireguard/add name=wg0 mtu=1420';
    expect(run(rule, `${bare}\n${peer('0.0.0.0/0')}\n/ip/route/add dst-address=0.0.0.0/0 gateway=ether1`)).toHaveLength(1);
  });
  it('takes a default claim on an addressed interface with no route through it as "accept any source"', () => {
    // Real hub/site-link exports: allowed-address=0.0.0.0/0, only the tunnel subnet routed, WAN default elsewhere.
    expect(run(rule, `${WG}\n${peer('0.0.0.0/0')}\n/ip/route/add dst-address=0.0.0.0/0 gateway=ether1`)).toEqual([]);
    expect(run(rule, `${WG}\n/ipv6/address/add address=fd00::1/64 interface=wg0\n${peer('::/0')}`)).toEqual([]);
    expect(run(rule, `${WG}\n${peer('::/0')}`)).toHaveLength(1); // no IPv6 subnet on wg0
  });
  it('still reports a default claim without a default route when the file means a full tunnel (WAN list, masquerade)', () => {
    const base = `${WG}\n${peer('0.0.0.0/0')}\n/ip/route/add dst-address=0.0.0.0/0 gateway=ether1`;
    expect(run(rule, `${base}\n/interface/list/add name=WAN\n/interface/list/member/add list=WAN interface=wg0`)).toHaveLength(1);
    expect(run(rule, `${base}\n/ip/firewall/nat/add chain=srcnat action=masquerade out-interface=wg0`)).toHaveLength(1);
    expect(run(rule, `${base}\n/ip/firewall/nat/add chain=srcnat action=masquerade out-interface=wg0 disabled=yes`)).toEqual([]);
  });
  it('counts routes of other tables only when a routing rule or mark selects the table, and says so', () => {
    const base = `${WG}\n${peer('0.0.0.0/0')}\n/ip/route/add dst-address=0.0.0.0/0 gateway=wg0 routing-table=vpn`;
    const r = run(rule, base);
    expect(r).toHaveLength(1);
    expect(r[0]!.message).toContain('in routing-table=vpn does not count, because no routing rule or mangle routing mark selects table vpn');
    expect(run(rule, `${base}\n/routing/rule/add src-address=192.168.1.0/24 action=lookup table=vpn`)).toEqual([]);
    expect(run(rule, `${base}\n/ip/firewall/mangle/add chain=prerouting action=mark-routing new-routing-mark=vpn`)).toEqual([]);
  });
  it('works for IPv6 (route via a gateway in the tunnel subnet)', () => {
    const text = [
      WG,
      '/ipv6/address/add address=fd00:0:0:1::1/64 interface=wg0',
      peer('fd00:0:0:1::2/128,fd00:0:0:2::/64'),
    ].join('\n');
    expect(run(rule, text).map((x) => x.at)).toEqual(['fd00:0:0:2::/64']);
    expect(run(rule, `${text}\n/ipv6/route/add dst-address=fd00:0:0:2::/64 gateway=fd00:0:0:1::2`)).toEqual([]);
  });
  it('names the router\'s own subnet on another interface instead of suggesting a route that would cut it off', () => {
    const text = `${WG}\n/ip/address/add address=192.168.100.1/24 interface=bridge\n${peer('10.255.255.2/32,192.168.100.0/24')}`;
    const r = run(rule, text);
    expect(r.map((x) => x.at)).toEqual(['192.168.100.0/24']);
    expect(r[0]!.message).toContain("is this router's own subnet on `bridge`");
    expect(r[0]!.message).not.toContain('/ip route add');
  });
  it('does not judge a tunnel that an OSPF/RIP interface template covers (by interface, list or network)', () => {
    const p = peer('10.255.255.2/32,10.1.101.0/24');
    const tpl = '/routing/ospf/interface-template/add area=backbone';
    expect(run(rule, `${WG}\n${p}\n${tpl} interfaces=wg0`)).toEqual([]);
    expect(run(rule, `${WG}\n${p}\n${tpl} networks=10.255.255.0/30`)).toEqual([]);
    expect(run(rule, `${WG}\n${p}\n/interface/list/add name=TUN\n/interface/list/member/add list=TUN interface=wg0\n${tpl} interfaces=TUN`)).toEqual([]);
    expect(run(rule, `${WG}\n${p}\n${tpl} networks=10.9.9.0/30`)).toHaveLength(1);
    expect(run(rule, `${WG}\n${p}\n${tpl} interfaces=wg0 disabled=yes`)).toHaveLength(1);
  });
  it('needs no route for link-local or multicast prefixes', () => {
    expect(run(rule, `${WG}\n${peer('224.0.0.5/32,fe80::/64')}`)).toEqual([]);
  });
  it('ignores disabled peers, disabled interfaces and dynamic values', () => {
    expect(run(rule, `${WG}\n${peer('10.1.101.0/24', ' disabled=yes')}`)).toEqual([]);
    expect(run(rule, `${WG.replace('mtu=1420', 'mtu=1420 disabled=yes')}\n${peer('10.1.101.0/24')}`)).toEqual([]);
    expect(run(rule, `${WG}\n${peer('$nets')}`)).toEqual([]);
    expect(run(rule, `${WG}\n${peer('10.1.101.0/24')}\n/ip/route/add dst-address=10.1.101.0/24 gateway=$gw`)).toEqual([]);
  });
});

describe('wireguard/missing-route: broad claims', () => {
  it('treats routes for parts of a broad claim as a deliberate split tunnel', () => {
    const text = `${WG}\n${peer('0.0.0.0/0')}\n/ip/route/add dst-address=10.1.0.0/16 gateway=wg0`;
    expect(run(rule, text)).toEqual([]);
  });
  it('does not count the tunnel subnet inside a broad claim as routing it', () => {
    expect(run(rule, `${WG}\n${peer('10.255.0.0/16')}`).map((r) => r.at)).toEqual(['10.255.0.0/16']);
  });
});
