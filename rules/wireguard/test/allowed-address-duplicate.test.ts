import { describe, it, expect } from 'vitest';
import { allowedAddressDuplicate } from '../allowed-address-duplicate.js';
import { runRule, KEYS, WG, PEER } from '../../../packages/core/test/analysis-wireguard-model.js';

const base = `${WG} name=wireguard1 listen-port=13231`;

describe('wireguard/allowed-address-duplicate', () => {
  it('fires on the second claim, names both peers and relates the first', () => {
    const seen = runRule(allowedAddressDuplicate, [
      base,
      `${PEER} interface=wireguard1 name=office2 public-key="${KEYS.a.pub}" allowed-address=10.0.0.0/8`,
      `${PEER} interface=wireguard1 name=office3 public-key="${KEYS.b.pub}" allowed-address=192.168.1.0/24,10.0.0.0/8`,
    ].join('\n'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.at).toBe('10.0.0.0/8');
    expect(seen[0]!.message).toContain('peer `office2` and peer `office3` both claim 10.0.0.0/8 on `wireguard1`');
    expect(seen[0]!.relatedAt).toEqual(['10.0.0.0/8']);
    expect(seen[0]!.related![0]!.span.start).toBeLessThan(seen[0]!.span.start);
  });

  it('fires on IPv6 and on a prefix listed twice in one peer', () => {
    const seen = runRule(allowedAddressDuplicate, [
      `${PEER} interface=wg1 name=a public-key="${KEYS.a.pub}" allowed-address=fd00::/64,fd00:0::/64`,
    ].join('\n'));
    expect(seen.map((s) => s.at)).toEqual(['fd00:0::/64']);
    expect(seen[0]!.message).toContain('peer `a` lists fd00::/64 (written `fd00:0::/64`) twice');
  });

  it('is quiet for distinct prefixes, other interfaces and disabled peers', () => {
    expect(runRule(allowedAddressDuplicate, [
      `${PEER} interface=wg1 name=a public-key="${KEYS.a.pub}" allowed-address=10.1.0.0/24`,
      `${PEER} interface=wg1 name=b public-key="${KEYS.b.pub}" allowed-address=10.2.0.0/24`,
      `${PEER} interface=wg2 name=c public-key="${KEYS.c.pub}" allowed-address=10.1.0.0/24`,
      `${PEER} interface=wg1 name=d public-key="${KEYS.c.pub}" allowed-address=10.1.0.0/24 disabled=yes`,
      `${PEER} interface=wg1 name=e public-key="${KEYS.c.pub}" allowed-address=$dyn`,
    ].join('\n'))).toEqual([]);
  });
});
