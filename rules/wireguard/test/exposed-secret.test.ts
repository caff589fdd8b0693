import { describe, it, expect } from 'vitest';
import { exposedSecret } from '../exposed-secret.js';
import { runRule, KEYS, WG, PEER } from '../../../packages/core/test/analysis-wireguard-model.js';

describe('wireguard/exposed-secret', () => {
  it('reports once per file, counts, points at the first and never shows a value', () => {
    const seen = runRule(exposedSecret, [
      `${WG} name=wg1 private-key="${KEYS.a.priv}"`,
      `${PEER} interface=wg1 public-key="${KEYS.b.pub}" preshared-key="${KEYS.c.priv}"`,
      `${PEER} interface=wg1 public-key="${KEYS.c.pub}" private-key="${KEYS.b.priv}" disabled=yes`,
    ].join('\n'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.at).toBe(`"${KEYS.a.priv}"`);
    expect(seen[0]!.message).toContain('3 secret key values (2 private-key, 1 preshared-key)');
    const json = JSON.stringify({ message: seen[0]!.message, related: seen[0]!.related?.map((r) => r.message) });
    for (const k of [KEYS.a.priv, KEYS.b.priv, KEYS.c.priv]) expect(json).not.toContain(k);
  });
  it('is quiet for keywords, variables and files without secrets', () => {
    expect(runRule(exposedSecret, [
      `${WG} name=wg1 listen-port=13231`,
      `${PEER} interface=wg1 public-key="${KEYS.b.pub}" preshared-key=auto private-key=none`,
      `${PEER} interface=wg1 public-key="${KEYS.b.pub}" preshared-key=$psk`,
    ].join('\n'))).toEqual([]);
  });
});
