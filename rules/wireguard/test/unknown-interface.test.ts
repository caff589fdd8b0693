import { describe, it, expect } from 'vitest';
import { unknownInterface } from '../unknown-interface.js';
import { runRule, KEYS, WG, PEER } from '../../../packages/core/test/analysis-wireguard-model.js';

describe('wireguard/unknown-interface', () => {
  it('fires when the file defines WireGuard interfaces and the peer names another', () => {
    const seen = runRule(unknownInterface, [`${WG} name=wireguard1`, `${PEER} interface=wireguard2 name=o public-key="${KEYS.a.pub}"`].join('\n'));
    expect(seen.map((s) => s.at)).toEqual(['wireguard2']);
    expect(seen[0]!.message).toContain('peer `o` uses interface `wireguard2`');
    expect(seen[0]!.message).toContain('defined: `wireguard1`');
  });
  it('fires in a full export even without interfaces', () => {
    expect(runRule(unknownInterface, `${PEER} interface=wg9 public-key="${KEYS.a.pub}"`, { isExport: true })).toHaveLength(1);
  });
  it('is quiet for peer-only scripts, known names, auto-named interfaces and disabled peers', () => {
    expect(runRule(unknownInterface, `${PEER} interface=wg9 public-key="${KEYS.a.pub}"`)).toEqual([]);
    expect(runRule(unknownInterface, [
      `${WG} name=wg1`,
      `${WG} listen-port=13231`,
      `${PEER} interface=wg1 public-key="${KEYS.a.pub}"`,
      `${PEER} interface=wireguard1 public-key="${KEYS.b.pub}"`,
      `${PEER} interface=wg7 public-key="${KEYS.c.pub}" disabled=yes`,
      `${PEER} interface=*7 public-key="${KEYS.c.pub}"`,
    ].join('\n'))).toEqual([]);
  });
});
