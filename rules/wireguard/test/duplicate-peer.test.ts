import { describe, it, expect } from 'vitest';
import { duplicatePeer } from '../duplicate-peer.js';
import { runRule, KEYS, PEER } from '../../../packages/core/test/analysis-wireguard-model.js';

describe('wireguard/duplicate-peer', () => {
  it('fires on the second peer with the same key on one interface', () => {
    const seen = runRule(duplicatePeer, [
      `${PEER} interface=wg1 name=laptop public-key="${KEYS.a.pub}" allowed-address=172.16.0.2/32`,
      `${PEER} interface=wg1 name=phone public-key="${KEYS.a.pub}" allowed-address=172.16.0.3/32`,
    ].join('\n'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.at).toBe(`"${KEYS.a.pub}"`);
    expect(seen[0]!.span.start).toBeGreaterThan(seen[0]!.related![0]!.span.start);
    expect(seen[0]!.message).toContain('peer `phone` has the same public-key as peer `laptop` on `wg1`');
  });
  it('is quiet across interfaces, for disabled peers and for distinct keys', () => {
    expect(runRule(duplicatePeer, [
      `${PEER} interface=wg1 public-key="${KEYS.a.pub}"`,
      `${PEER} interface=wg2 public-key="${KEYS.a.pub}"`,
      `${PEER} interface=wg1 public-key="${KEYS.a.pub}" disabled=yes`,
      `${PEER} interface=wg1 public-key="${KEYS.b.pub}"`,
    ].join('\n'))).toEqual([]);
  });
});
