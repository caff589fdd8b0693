import { describe, expect, it } from 'vitest';
import { runRule } from '../../../packages/core/test/analysis-wireguard-model.js';
import { wireguardEndpointViaTunnel as rule } from "../endpoint-via-tunnel.js";

const run = runRule;

const CLIENT = [
  '/interface/wireguard/add name=wg-client mtu=1420',
  '/ip/address/add address=172.16.0.4/24 interface=wg-client',
  '/interface/wireguard/peers/add interface=wg-client public-key="x" comment=server endpoint-address=203.0.113.25 endpoint-port=13231 allowed-address=0.0.0.0/0',
].join('\n');

describe('wireguard/endpoint-via-tunnel', () => {
  it('fires when the only default route goes into the tunnel, pointing at the endpoint with the route related', () => {
    const text = `${CLIENT}\n/ip/route/add dst-address=0.0.0.0/0 gateway=wg-client`;
    const config = run(rule, text);
    expect(config).toHaveLength(1);
    expect(config[0]!.at).toBe('203.0.113.25');
    expect(config[0]!.message).toContain('endpoint 203.0.113.25 of peer `server` is routed into its own tunnel `wg-client`');
    expect(config[0]!.message).toContain('the route 0.0.0.0/0 gateway=wg-client carries it');
  });
  it('is quiet with a more specific route to the endpoint through the WAN', () => {
    const text = `${CLIENT}\n/ip/route/add dst-address=0.0.0.0/0 gateway=wg-client\n/ip/address/add address=198.51.100.2/24 interface=ether1\n/ip/route/add dst-address=203.0.113.25/32 gateway=198.51.100.1`;
    expect(run(rule, text)).toEqual([]);
  });
  it('is quiet on a tie with a DHCP default route of the same distance, fires when the tunnel route certainly wins', () => {
    const tie = `${CLIENT}\n/ip/dhcp-client/add interface=ether1\n/ip/route/add dst-address=0.0.0.0/0 gateway=wg-client`;
    expect(run(rule, tie)).toEqual([]);
    const wins = `${CLIENT}\n/ip/dhcp-client/add interface=ether1 default-route-distance=5\n/ip/route/add dst-address=0.0.0.0/0 gateway=wg-client`;
    expect(run(rule, wins)).toHaveLength(1);
    const loses = `${CLIENT}\n/ip/dhcp-client/add interface=ether1\n/ip/route/add dst-address=0.0.0.0/0 gateway=wg-client distance=2`;
    expect(run(rule, loses)).toEqual([]);
  });
  it('fires when a more specific tunnel route covers the endpoint', () => {
    const text = `${CLIENT}\n/ip/dhcp-client/add interface=ether1\n/ip/route/add dst-address=203.0.113.0/24 gateway=wg-client`;
    expect(run(rule, text).map((r) => r.at)).toEqual(['203.0.113.25']);
  });
  it('fires when the endpoint lies in the tunnel subnet itself', () => {
    const text = CLIENT.replace('203.0.113.25', '172.16.0.1');
    expect(run(rule, text)[0]?.message).toContain('a subnet on wg-client itself');
  });
  it('stays quiet for host names, disabled peers/routes, dynamic routes and routing rules', () => {
    const route = '/ip/route/add dst-address=0.0.0.0/0 gateway=wg-client';
    expect(run(rule, `${CLIENT.replace('203.0.113.25', 'vpn.example.com')}\n${route}`)).toEqual([]);
    expect(run(rule, `${CLIENT} disabled=yes\n${route}`)).toEqual([]);
    expect(run(rule, `${CLIENT}\n${route} disabled=yes`)).toEqual([]);
    expect(run(rule, `${CLIENT}\n${route}\n/ip/route/add dst-address=$x gateway=ether1`)).toEqual([]);
    expect(run(rule, `${CLIENT}\n${route}\n/routing/rule/add dst-address=203.0.113.25/32 action=lookup table=main`)).toEqual([]);
  });
});
