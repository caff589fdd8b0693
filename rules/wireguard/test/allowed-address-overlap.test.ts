import { describe, it, expect } from 'vitest';
import { allowedAddressOverlap } from '../allowed-address-overlap.js';
import { runRule, KEYS, PEER } from '../../../packages/core/test/analysis-wireguard-model.js';

describe('wireguard/allowed-address-overlap', () => {
  it('fires on the containing prefix and says the more specific peer wins', () => {
    const seen = runRule(allowedAddressOverlap, [
      `${PEER} interface=wg1 name=hq public-key="${KEYS.a.pub}" allowed-address=10.0.0.0/8`,
      `${PEER} interface=wg1 name=branch public-key="${KEYS.b.pub}" allowed-address=10.2.0.0/24`,
    ].join('\n'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.at).toBe('10.0.0.0/8');
    expect(seen[0]!.message).toContain("peer `hq`'s 10.0.0.0/8 on `wg1` contains peer `branch`'s 10.2.0.0/24");
    expect(seen[0]!.message).toContain('traffic to 10.2.0.0/24 goes to peer `branch`');
    expect(seen[0]!.relatedAt).toEqual(['10.2.0.0/24']);
  });

  it('groups several contained prefixes into one report', () => {
    const seen = runRule(allowedAddressOverlap, [
      `${PEER} interface=wg1 name=all public-key="${KEYS.a.pub}" allowed-address=::/0`,
      `${PEER} interface=wg1 name=x public-key="${KEYS.b.pub}" allowed-address=fd00:1::/64,fd00:2::/64`,
    ].join('\n'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.message).toContain('contains 2 prefixes of other peers');
    expect(seen[0]!.relatedAt).toEqual(['fd00:1::/64', 'fd00:2::/64']);
  });

  it('is quiet for disjoint prefixes, one peer covering itself, other interfaces, disabled peers, duplicates', () => {
    expect(runRule(allowedAddressOverlap, [
      `${PEER} interface=wg1 name=a public-key="${KEYS.a.pub}" allowed-address=10.1.0.0/24,10.1.0.0/16`,
      `${PEER} interface=wg1 name=b public-key="${KEYS.b.pub}" allowed-address=10.2.0.0/24`,
      `${PEER} interface=wg2 name=c public-key="${KEYS.c.pub}" allowed-address=10.0.0.0/8`,
      `${PEER} interface=wg1 name=d public-key="${KEYS.c.pub}" allowed-address=0.0.0.0/0 disabled=yes`,
      `${PEER} interface=wg1 name=e public-key="${KEYS.c.pub}" allowed-address=10.2.0.0/24`,
    ].join('\n'))).toEqual([]);
  });
});
