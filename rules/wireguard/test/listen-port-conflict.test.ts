import { describe, it, expect } from 'vitest';
import { listenPortConflict } from '../listen-port-conflict.js';
import { runRule, WG } from '../../../packages/core/test/analysis-wireguard-model.js';

describe('wireguard/listen-port-conflict', () => {
  it('fires on the second interface with the same port', () => {
    const seen = runRule(listenPortConflict, [`${WG} name=wg1 listen-port=13231`, `${WG} name=wg2 listen-port=13231`].join('\n'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.at).toBe('13231');
    expect(seen[0]!.span.start).toBeGreaterThan(seen[0]!.related![0]!.span.start);
    expect(seen[0]!.message).toContain('interface `wg2` and interface `wg1` both use listen-port 13231');
  });
  it('is quiet for distinct ports, port 0, and disabled interfaces', () => {
    expect(runRule(listenPortConflict, [
      `${WG} name=wg1 listen-port=13231`,
      `${WG} name=wg2 listen-port=13232`,
      `${WG} name=wg3 listen-port=0`,
      `${WG} name=wg4 listen-port=0`,
      `${WG} name=wg5 listen-port=13231 disabled=yes`,
    ].join('\n'))).toEqual([]);
  });
});
