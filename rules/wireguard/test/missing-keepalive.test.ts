import { describe, it, expect } from 'vitest';
import { missingKeepalive } from '../missing-keepalive.js';
import { runRule, KEYS, PEER } from '../../../packages/core/test/analysis-wireguard-model.js';

const p = (extra: string) => `${PEER} interface=wg1 name=srv public-key="${KEYS.a.pub}" ${extra}`;

describe('wireguard/missing-keepalive', () => {
  it('fires for an initiating peer without keepalive, or with keepalive 0', () => {
    const seen = runRule(missingKeepalive, [p('endpoint-address=vpn.example.com endpoint-port=13231'), p('endpoint-address=192.0.2.1 endpoint-port=13231 persistent-keepalive=0s')].join('\n'));
    expect(seen.map((s) => s.at)).toEqual(['vpn.example.com', '0s']);
    expect(seen[0]!.message).toContain('peer `srv` connects to `vpn.example.com` but has no persistent-keepalive');
  });
  it('is quiet for an endpoint on a directly connected (non-tunnel) subnet, not for one beyond it', () => {
    const lan = '/ip/address/add address=192.168.1.10/24 interface=ether1';
    expect(runRule(missingKeepalive, `${lan}\n${p('endpoint-address=192.168.1.7 endpoint-port=51820')}`)).toEqual([]);
    expect(runRule(missingKeepalive, `${lan}\n${p('endpoint-address=192.168.2.7 endpoint-port=51820')}`)).toHaveLength(1);
  });
  it('is quiet with keepalive, without endpoint, for responders and disabled peers', () => {
    expect(runRule(missingKeepalive, [
      p('endpoint-address=192.0.2.1 endpoint-port=13231 persistent-keepalive=25s'),
      p(''),
      p('endpoint-address=192.0.2.1 endpoint-port=13231 responder=yes'),
      p('endpoint-address=192.0.2.1 endpoint-port=13231 disabled=yes'),
    ].join('\n'))).toEqual([]);
  });
});
