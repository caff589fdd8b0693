import { describe, it, expect } from 'vitest';
import { selfPeer } from '../self-peer.js';
import { runRule, KEYS, WG, PEER } from '../../../packages/core/test/analysis-wireguard-model.js';

describe('wireguard/self-peer', () => {
  it("fires when a peer uses its own interface's public key, without leaking the private key", () => {
    const seen = runRule(selfPeer, [
      `${WG} name=wg1 private-key="${KEYS.a.priv}"`,
      `${PEER} interface=wg1 name=office public-key="${KEYS.a.pub}"`,
    ].join('\n'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.at).toBe(`"${KEYS.a.pub}"`);
    expect(seen[0]!.message).toContain('peer `office` has the public key of its own interface `wg1`');
    expect(JSON.stringify(seen[0])).not.toContain(KEYS.a.priv);
  });
  it('is quiet for the remote key, another interface, hidden private keys and disabled items', () => {
    expect(runRule(selfPeer, [
      `${WG} name=wg1 private-key="${KEYS.a.priv}"`,
      `${WG} name=wg2 private-key="${KEYS.b.priv}" disabled=yes`,
      `${WG} name=wg3`,
      `${PEER} interface=wg1 public-key="${KEYS.b.pub}"`,
      `${PEER} interface=wg2 public-key="${KEYS.b.pub}"`,
      `${PEER} interface=wg3 public-key="${KEYS.a.pub}"`,
      `${PEER} interface=wg1 public-key="${KEYS.a.pub}" disabled=yes`,
    ].join('\n'))).toEqual([]);
  });
});
