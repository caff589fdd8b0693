import { describe, expect, it } from 'vitest';
import { fakeConfig } from './analysis-wireguard-model.js';
import { addressIndex, addressesOn, connectedSubnetsFor } from '../src/analysis/addresses.js';
import { parseAddress } from '../src/analysis/prefix.js';

const ip = (t: string) => parseAddress(t)!.value;

describe('addressIndex', () => {
  const c = fakeConfig(
    [
      '/ip/address/add address=10.255.255.1/30 interface=wireguard1',
      '/ip/address/add address=192.168.88.1/24 interface=bridge',
      '/ip/address/add address=10.9.9.9/24 interface=ether5 disabled=yes',
      '/ip/address/add address=100.64.0.2 interface=pppoe network=100.64.0.1',
      '/ipv6/address/add address=fd00:0:0:1::1/64 interface=wireguard1 advertise=no',
      '/ip/address/add address=$a interface=ether7',
    ].join('\n'),
  );
  const idx = addressIndex(c);

  it('indexes enabled addresses by interface with their connected subnets', () => {
    expect(addressesOn(idx, 'wireguard1').map((a) => a.family)).toEqual([4, 6]);
    const wg4 = addressesOn(idx, 'wireguard1', 4)[0]!;
    expect(wg4.connected).toEqual([{ family: 4, first: ip('10.255.255.0'), last: ip('10.255.255.3') }]);
    expect(addressesOn(idx, 'ether5')).toEqual([]);
    expect(idx.all.find((a) => a.interface === 'ether5')?.disabled).toBe(true);
  });

  it('connects the network= peer of a point-to-point /32', () => {
    const p = addressesOn(idx, 'pppoe')[0]!;
    expect(p.connected).toHaveLength(2);
    expect(connectedSubnetsFor(idx, 4, ip('100.64.0.1'))[0]?.address.interface).toBe('pppoe');
  });

  it('marks addresses from variables as uncertain', () => {
    const a = addressesOn(idx, 'ether7')[0]!;
    expect(a.uncertain).toBe(true);
    expect(a.address).toBeUndefined();
  });

  it('finds the most specific connected subnet for an address', () => {
    expect(connectedSubnetsFor(idx, 4, ip('10.255.255.2'))[0]?.address.interface).toBe('wireguard1');
    expect(connectedSubnetsFor(idx, 4, ip('10.255.255.5'))).toEqual([]);
    expect(connectedSubnetsFor(idx, 6, ip('fd00:0:0:1::2'))[0]?.length).toBe(64);
  });
});
