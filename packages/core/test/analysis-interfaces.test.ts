import { describe, expect, it } from 'vitest';
import { fakeConfig } from './analysis-wireguard-model.js';
import { interfaceIndex, interfaceMtu } from '../src/analysis/interfaces.js';

describe('interfaceIndex', () => {
  it('joins interface menus by name (name=, else default-name=)', () => {
    const c = fakeConfig(
      [
        '/interface/ethernet/add default-name=ether1 name=wan',
        '/interface/ethernet/add default-name=ether2',
        '/interface/vlan/add interface=ether2 name=vlan10 vlan-id=10',
        '/interface/wireguard/add name=wg0 mtu=1420',
      ].join('\n'),
    );
    const idx = interfaceIndex(c);
    expect([...idx.byName.keys()]).toEqual(['wan', 'ether2', 'vlan10', 'wg0']);
    expect(idx.byName.get('vlan10')).toMatchObject({ kind: 'vlan', parent: 'ether2' });
    expect(idx.byName.get('wg0')).toMatchObject({ kind: 'wireguard', explicitMtu: 1420 });
  });
});

describe('interfaceMtu (underlay MTU)', () => {
  it('assumes 1500 for an interface the file does not configure', () => {
    const idx = interfaceIndex(fakeConfig(''));
    expect(interfaceMtu(idx, 'ether1')).toMatchObject({ mtu: 1500, assumed: true });
  });

  it('reads an explicit ethernet / vlan mtu', () => {
    const idx = interfaceIndex(
      fakeConfig('/interface/ethernet/add default-name=ether1 mtu=1400\n/interface/vlan/add name=v5 interface=ether1 mtu=1496'),
    );
    expect(interfaceMtu(idx, 'ether1')).toMatchObject({ mtu: 1400, explanation: 'ether1 mtu', assumed: false });
    expect(interfaceMtu(idx, 'v5').mtu).toBe(1496);
  });

  it('uses max-mtu of a pppoe-client, else parent − 8', () => {
    const idx = interfaceIndex(
      fakeConfig(
        [
          '/interface/pppoe-client/add name=pppoe-out1 interface=ether1 max-mtu=1480',
          '/interface/pppoe-client/add name=pppoe-out2 interface=ether2',
          '/interface/ethernet/add default-name=ether3 mtu=1400',
          '/interface/pppoe-client/add name=pppoe-out3 interface=ether3 max-mtu=1480',
        ].join('\n'),
      ),
    );
    expect(interfaceMtu(idx, 'pppoe-out1')).toMatchObject({ mtu: 1480, explanation: 'pppoe-out1 max-mtu' });
    expect(interfaceMtu(idx, 'pppoe-out2').mtu).toBe(1492);
    // max-mtu cannot exceed what the parent carries.
    expect(interfaceMtu(idx, 'pppoe-out3').mtu).toBe(1392);
  });

  it('ignores auto and dynamic mtu values, falling back to the type default', () => {
    const idx = interfaceIndex(
      fakeConfig('/interface/bridge/add name=br mtu=auto\n/interface/l2tp-client/add name=l2tp1 max-mtu=$m'),
    );
    expect(interfaceMtu(idx, 'br').mtu).toBe(1500);
    expect(interfaceMtu(idx, 'l2tp1').mtu).toBe(1450);
  });
});
