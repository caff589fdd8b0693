/**
 * `splitListValue` computes the spans of a value written verbatim from offsets; it must answer
 * exactly as the search every other value goes through (`splitListBySearch`) on random lists:
 * quoted or not, white space of all kinds, empty entries, repeated entries, quotes, and texts that
 * differ from their source (escapes, line continuations).
 */
import { describe, expect, it } from 'vitest';
import { rng as seeded } from '../../../bench/generate.mjs';
import type { PropertyValue } from '../src/model/types.js';
import { splitListBySearch, splitListValue } from '../src/analysis/wireguard.js';

const PIECES = ['10.0.0.1/32', 'fd00::/64', 'a', ',', ',', ' ', '\t', '\u00a0', '\u2003', '"', '\\', '\n', 'x y', '10.0.0.1/32'];

describe('splitListValue: offsets for verbatim values answer as the search did', () => {
  it('gives the same entries and spans on random lists', () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const r = seeded(seed).next;
      const pick = () => PIECES[Math.floor(r() * PIECES.length)]!;
      const text = Array.from({ length: Math.floor(r() * 8) }, pick).join('');
      const mode = Math.floor(r() * 4);
      // 0: verbatim, 1: quoted, 2: source differs (escaped), 3: quoted with a stray character.
      const written = mode === 0 ? text : mode === 1 ? `"${text}"` : mode === 2 ? text.replace(/,/g, '\\\n    ,') : `"${text}x"`;
      const before = 'add allowed-address=';
      const sourceText = `${before}${written} comment=${text}`;
      const span = { start: before.length, end: before.length + written.length };
      const value: PropertyValue = { text, negated: false, dynamic: false, uncertain: false, span, nameSpan: span, statementSpan: span };
      expect(splitListValue(value, sourceText), `seed ${seed}`).toEqual(splitListBySearch(value, sourceText));
    }
  });
});
