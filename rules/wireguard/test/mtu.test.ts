import { describe, expect, it } from 'vitest';
import { runRule } from '../../../packages/core/test/analysis-wireguard-model.js';
import { wireguardMtu } from '../mtu.js';

const run = runRule;

const PEER = '/interface/wireguard/peers/add interface=wg0 public-key="x" allowed-address=10.9.0.2/32';

describe('wireguard/mtu', () => {
  it('fires above 1440 on an assumed 1500 path with no endpoint, showing the arithmetic, and fixes to the ceiling', () => {
    const text = `/interface/wireguard/add name=wg0 mtu=1500\n${PEER}`;
    const r = run(wireguardMtu, text);
    expect(r).toHaveLength(1);
    expect(r[0]!.at).toBe('1500');
    expect(r[0]!.message).toContain('mtu 1500 > 1440 = 1500 (assumed underlay) − 60 (IPv4 + UDP + WireGuard)');
    expect(r[0]!.fixed).toContain('name=wg0 mtu=1440');
  });

  it('is quiet at the export default 1420 on a 1500 path, also for an IPv6 endpoint (1500 − 80)', () => {
    expect(run(wireguardMtu, `/interface/wireguard/add name=wg0 mtu=1420\n${PEER}`)).toEqual([]);
    expect(run(wireguardMtu, `/interface/wireguard/add name=wg0 mtu=1420\n${PEER} endpoint-address=2001:db8::1 endpoint-port=51820`)).toEqual([]);
    expect(run(wireguardMtu, `/interface/wireguard/add name=wg0 mtu=1440\n${PEER}`)).toEqual([]);
  });

  it('uses 80 bytes of overhead for an IPv6 endpoint', () => {
    const r = run(wireguardMtu, `/interface/wireguard/add name=wg0 mtu=1440\n${PEER} endpoint-address=2001:db8::1 endpoint-port=51820`);
    expect(r[0]?.message).toContain('mtu 1440 > 1420 = 1500 (assumed underlay) − 80 (IPv6 + UDP + WireGuard)');
  });

  it('follows the route to the endpoint onto a pppoe-client with max-mtu=1480', () => {
    const text = [
      '/interface/pppoe-client/add name=pppoe-out1 interface=ether1 max-mtu=1480 add-default-route=yes',
      '/interface/wireguard/add name=wg0 mtu=1440',
      `${PEER} endpoint-address=198.51.100.7 endpoint-port=51820`,
    ].join('\n');
    const r = run(wireguardMtu, text);
    expect(r[0]?.message).toContain('mtu 1440 > 1420 = 1480 (underlay pppoe-out1 max-mtu) − 60');
    expect(r[0]?.fixed).toContain('mtu=1420');
    expect(run(wireguardMtu, text.replace('mtu=1440', 'mtu=1420'))).toEqual([]);
  });

  it('fires on an unset mtu (default 1420) when the path is smaller, inserting mtu=', () => {
    const text = [
      '/interface/ethernet/add default-name=ether1 mtu=1400',
      '/ip/dhcp-client/add interface=ether1',
      '/interface/wireguard/add name=wg0',
      PEER,
    ].join('\n');
    const r = run(wireguardMtu, text);
    expect(r[0]?.at).toBe('wg0');
    expect(r[0]?.message).toContain('mtu 1420 (the default) > 1340 = 1400 (underlay ether1 mtu) − 60');
    expect(r[0]?.fixed).toContain('/interface/wireguard/add name=wg0 mtu=1340');
  });

  it('fires below 1280 while the interface carries IPv6, and not without IPv6', () => {
    const text = `/interface/wireguard/add name=wg0 mtu=1200\n${PEER}\n/ipv6/address/add address=fd00::1/64 interface=wg0`;
    const r = run(wireguardMtu, text);
    expect(r[0]?.message).toContain('mtu 1200 < 1280');
    expect(r[0]?.fixed).toContain('mtu=1440');
    expect(run(wireguardMtu, `/interface/wireguard/add name=wg0 mtu=1200\n${PEER}`)).toEqual([]);
  });

  it('ignores disabled interfaces, auto and dynamic values', () => {
    expect(run(wireguardMtu, `/interface/wireguard/add name=wg0 mtu=1500 disabled=yes\n${PEER}`)).toEqual([]);
    expect(run(wireguardMtu, `/interface/wireguard/add name=wg0 mtu=auto\n${PEER}`)).toEqual([]);
    expect(run(wireguardMtu, `/interface/wireguard/add name=wg0 mtu=$m\n${PEER}`)).toEqual([]);
  });

  it('does not count a route into the tunnel itself as its underlay', () => {
    const text = `/interface/wireguard/add name=wg0 mtu=1420\n${PEER} endpoint-address=vpn.example.com endpoint-port=13231\n/ip/route/add dst-address=0.0.0.0/0 gateway=wg0`;
    expect(run(wireguardMtu, text)).toEqual([]);
  });
});
