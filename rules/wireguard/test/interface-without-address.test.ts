import { describe, expect, it } from 'vitest';
import { runRule } from '../../../packages/core/test/analysis-wireguard-model.js';
import { wireguardInterfaceWithoutAddress as rule } from "../interface-without-address.js";

const run = runRule;

const WG = '/interface/wireguard/add name=wg0 mtu=1420';
const PEER = '/interface/wireguard/peers/add interface=wg0 public-key="x" allowed-address=10.9.0.2/32';

describe('wireguard/interface-without-address', () => {
  it('fires on the interface name when enabled peers exist and no address is on it', () => {
    const text = `${WG}\n${PEER}\n/ip/address/add address=192.168.88.1/24 interface=bridge`;
    const r = run(rule, text);
    expect(r).toHaveLength(1);
    expect(r[0]!.at).toBe('wg0');
    expect(r[0]!.message).toContain('`wg0` has 1 enabled peer but no /ip address or /ipv6 address');
  });
  it('is quiet with an IPv4 or an IPv6 address', () => {
    expect(run(rule, `${WG}\n${PEER}\n/ip/address/add address=10.9.0.1/24 interface=wg0`)).toEqual([]);
    expect(run(rule, `${WG}\n${PEER}\n/ipv6/address/add address=fd00::1/64 interface=wg0`)).toEqual([]);
  });
  it('does not count a disabled address', () => {
    expect(run(rule, `${WG}\n${PEER}\n/ip/address/add address=10.9.0.1/24 interface=wg0 disabled=yes`)).toHaveLength(1);
  });
  it('is quiet without enabled peers, on a disabled interface, and when an address interface is dynamic', () => {
    expect(run(rule, WG)).toEqual([]);
    expect(run(rule, `${WG}\n${PEER} disabled=yes`)).toEqual([]);
    expect(run(rule, `${WG} disabled=yes\n${PEER}`)).toEqual([]);
    expect(run(rule, `${WG}\n${PEER}\n/ip/address/add address=10.9.0.1/24 interface=$i`)).toEqual([]);
  });
});
