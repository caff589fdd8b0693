import { describe, it, expect } from 'vitest';
import { invalidKey } from '../invalid-key.js';
import { runRule, KEYS, WG, PEER } from '../../../packages/core/test/analysis-wireguard-model.js';

describe('wireguard/invalid-key', () => {
  it('fires on placeholders, truncated keys and low-order public keys', () => {
    const seen = runRule(invalidKey, [
      `${PEER} interface=wg1 name=a public-key="REMOTE-PUBLIC-KEY-BASE64"`,
      `${PEER} interface=wg1 name=b public-key="${KEYS.a.pub.slice(0, 40)}"`,
      `${PEER} interface=wg1 name=c public-key="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="`,
      `${PEER} interface=wg1 name=d public-key="${KEYS.b.pub}"`,
    ].join('\n'));
    expect(seen.map((s) => s.at)).toEqual(['"REMOTE-PUBLIC-KEY-BASE64"', `"${KEYS.a.pub.slice(0, 40)}"`, '"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="']);
    expect(seen[0]!.message).toMatch(/public-key of peer `a` .*placeholder/);
    expect(seen[1]!.message).toContain('40 characters');
    expect(seen[2]!.message).toContain('low-order');
  });

  it('checks private and preshared keys without ever quoting them', () => {
    const badPsk = KEYS.c.priv.slice(0, 30);
    const badPriv = KEYS.a.priv.slice(1);
    const seen = runRule(invalidKey, [
      `${WG} name=wg1 private-key="${badPriv}"`,
      `${PEER} interface=wg1 name=a public-key="${KEYS.b.pub}" preshared-key="${badPsk}"`,
    ].join('\n'));
    expect(seen.map((s) => s.at)).toEqual([`"${badPriv}"`, `"${badPsk}"`]);
    for (const s of seen) {
      expect(s.message).not.toContain(badPsk);
      expect(s.message).not.toContain(badPriv);
    }
    expect(seen[0]!.message).toContain('private-key of interface `wg1`');
  });

  it('accepts auto/none where RouterOS does, real keys, and ignores disabled items', () => {
    expect(runRule(invalidKey, [
      `${WG} name=wg1 private-key="${KEYS.a.priv}"`,
      `${WG} name=wg2 private-key="nope" disabled=yes`,
      `${PEER} interface=wg1 public-key="${KEYS.b.pub}" preshared-key=auto private-key=auto`,
      `${PEER} interface=wg1 public-key="${KEYS.c.pub}" preshared-key=none private-key=none`,
      `${PEER} interface=wg1 public-key="${KEYS.c.pub}" preshared-key="${KEYS.c.priv}"`,
      `${PEER} interface=wg1 public-key="PLACEHOLDER" disabled=yes`,
      `${PEER} interface=wg1 public-key=$pk`,
    ].join('\n'))).toEqual([]);
  });
});
