import { describe, it, expect } from 'vitest';
import { endpointPortPairing } from '../endpoint-port-pairing.js';
import { runRule, KEYS, PEER } from '../../../packages/core/test/analysis-wireguard-model.js';

const p = (extra: string) => `${PEER} interface=wg1 name=x public-key="${KEYS.a.pub}" ${extra}`;

describe('wireguard/endpoint-port-pairing', () => {
  it('errors on an address without a port, or with port 0', () => {
    const seen = runRule(endpointPortPairing, [p('endpoint-address=vpn.example.com'), p('endpoint-address=192.0.2.1 endpoint-port=0')].join('\n'));
    expect(seen.map((s) => [s.at, s.severity])).toEqual([['vpn.example.com', undefined], ['0', undefined]]);
    expect(seen[0]!.message).toContain('no endpoint-port');
  });
  it('warns on a port without an address', () => {
    const seen = runRule(endpointPortPairing, p('endpoint-port=13231'));
    expect(seen.map((s) => [s.at, s.severity])).toEqual([['13231', 'warning']]);
  });
  it('is quiet for complete pairs, neither, port 0 alone, disabled and dynamic', () => {
    expect(runRule(endpointPortPairing, [
      p('endpoint-address=192.0.2.1 endpoint-port=13231'),
      p(''),
      p('endpoint-port=0'),
      p('endpoint-address=192.0.2.1 disabled=yes'),
      p('endpoint-address=$ep'),
    ].join('\n'))).toEqual([]);
  });
});
