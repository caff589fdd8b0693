import { describe, it, expect } from 'vitest';
import { allowedAddressHostBits } from '../allowed-address-host-bits.js';
import { runRule, KEYS, PEER } from '../../../packages/core/test/analysis-wireguard-model.js';

describe('wireguard/allowed-address-host-bits', () => {
  it('fires on just the prefix and offers the canonical prefix as the fix', () => {
    const seen = runRule(allowedAddressHostBits, `${PEER} interface=wg1 name=o public-key="${KEYS.a.pub}" allowed-address=10.1.101.1/32,10.1.101.1/24,fd00:0:0:1::2/64`);
    expect(seen.map((s) => s.at)).toEqual(['10.1.101.1/24', 'fd00:0:0:1::2/64']);
    expect(seen[0]!.fix!.edits).toEqual([{ span: seen[0]!.span, text: '10.1.101.0/24' }]);
    expect(seen[1]!.fix!.edits[0]!.text).toBe('fd00:0:0:1::/64');
    expect(seen[0]!.message).toContain('means the whole 10.1.101.0/24');
  });
  it('is quiet for canonical prefixes, bare addresses and disabled peers', () => {
    expect(runRule(allowedAddressHostBits, [
      `${PEER} interface=wg1 public-key="${KEYS.a.pub}" allowed-address=10.1.101.0/24,10.1.101.7,::/0`,
      `${PEER} interface=wg1 public-key="${KEYS.b.pub}" allowed-address=10.1.101.1/24 disabled=yes`,
    ].join('\n'))).toEqual([]);
  });
});
