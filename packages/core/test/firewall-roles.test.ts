/** WAN/LAN detection and the WireGuard firewall questions on small hand scripts. */
import { describe, expect, it } from 'vitest';
import { hasGlobalIpv6, interfaceRoles, wireguardFirewall } from '../src/index.js';
import { build } from './model-helpers.js';

const WG = [
  '/interface wireguard add listen-port=51820 name=wg0',
  '/interface wireguard peers add allowed-address=10.8.0.2/32 interface=wg0 public-key="P5dy0k+sgZDIwPEk23i8+bJVOT1YKGQ9/3iAn82NtBw="',
  '/ip address add address=10.8.0.1/24 interface=wg0',
].join('\n');

describe('interfaceRoles', () => {
  it('takes WAN from the WAN list, without WireGuard interfaces', () => {
    const c = build('/interface list add name=WAN\n/interface list add name=LAN\n/interface wireguard add name=wg0\n/interface list member add interface=ether1 list=WAN\n/interface list member add interface=wg0 list=WAN\n/interface list member add interface=bridge list=LAN');
    expect(interfaceRoles(c)).toEqual({ wan: ['ether1'], wanFrom: 'list', lan: ['bridge'] });
  });

  it('without a WAN list: DHCP client, PPPoE client, default route — never a tunnel', () => {
    const c = build([
      '/interface pppoe-client add interface=ether2 name=pppoe-out1 user=u',
      '/ip dhcp-client add interface=ether1',
      '/interface wireguard add name=wg0',
      '/ip address add address=203.0.113.2/30 interface=lte1',
      '/ip route add dst-address=0.0.0.0/0 gateway=203.0.113.1',
      '/ip route add dst-address=0.0.0.0/0 gateway=wg0 routing-table=vpn',
    ].join('\n'));
    const r = interfaceRoles(c);
    expect(r.wanFrom).toBe('heuristic');
    expect([...r.wan].sort()).toEqual(['ether1', 'lte1', 'pppoe-out1']);
  });

  it('global IPv6: static 2000::/3, from a pool, DHCPv6 address — not ULA or prefix-only', () => {
    const c = build([
      '/ipv6 address add address=2001:db8:1::1/64 interface=a',
      '/ipv6 address add address=fd00::1/64 interface=b',
      '/ipv6 address add address=::1 from-pool=isp6 interface=c',
      '/ipv6 dhcp-client add interface=d pool-name=p request=address,prefix',
      '/ipv6 dhcp-client add interface=e pool-name=p request=prefix',
    ].join('\n'));
    expect(['a', 'b', 'c', 'd', 'e'].map((i) => hasGlobalIpv6(c, i))).toEqual([true, false, true, true, false]);
  });
});

describe('wireguardFirewall on partial scripts', () => {
  it('stays quiet without interface lists unless the chain drops unconditionally', () => {
    const quiet = build(`${WG}\n/ip firewall filter add action=drop chain=input in-interface-list=!LAN`);
    expect(wireguardFirewall(quiet).handshakes).toEqual([]);
    const loud = build(`${WG}\n/ip firewall filter add action=drop chain=input`);
    const [h] = wireguardFirewall(loud).handshakes;
    expect([h!.port, h!.family, h!.wan, h!.initiatorOnly]).toEqual([51820, 4, [undefined], false]);
  });

  it('an unconditional drop after an accept for the port is not a finding', () => {
    const c = build(`${WG}\n/ip firewall filter add action=accept chain=input dst-port=51820 protocol=udp\n/ip firewall filter add action=drop chain=input`);
    expect(wireguardFirewall(c).handshakes).toEqual([]);
  });

  it('skips interfaces without peers, disabled ones and random ports', () => {
    const c = build([
      '/interface wireguard add listen-port=51820 name=lonely',
      '/interface wireguard add listen-port=51821 name=off disabled=yes',
      '/interface wireguard peers add allowed-address=10.9.0.2/32 interface=off public-key="P5dy0k+sgZDIwPEk23i8+bJVOT1YKGQ9/3iAn82NtBw="',
      '/interface wireguard add name=random',
      '/interface wireguard peers add allowed-address=10.7.0.2/32 interface=random public-key="/LauvdT/idBkepX+0KKsFlBWoTcMl/bk8sLCvmsIMTc="',
      '/ip firewall filter add action=drop chain=input',
    ].join('\n'));
    expect(wireguardFirewall(c).handshakes).toEqual([]);
  });
});
