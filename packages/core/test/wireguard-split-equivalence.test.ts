/**
 * `splitListValue` computes the spans of a value written verbatim from offsets; it must answer
 * exactly as the search it replaced (kept below as the oracle) on random lists: quoted or not,
 * white space of all kinds, empty entries, repeated entries, quotes, and texts that differ from
 * their source (escapes, line continuations).
 */
import { describe, expect, it } from 'vitest';
import type { Span } from '@roslint/parser';
import { rng as seeded } from '../../../bench/generate.mjs';
import type { PropertyValue } from '../src/model/types.js';
import { splitListValue } from '../src/analysis/wireguard.js';

function oracle(value: PropertyValue, sourceText: string): { text: string; span: Span }[] {
  const raw = sourceText.slice(value.span.start, value.span.end);
  const out: { text: string; span: Span }[] = [];
  let cursor = 0;
  for (const part of value.text.split(',')) {
    const text = part.trim();
    if (text === '') continue;
    const at = raw.indexOf(text, cursor);
    if (at >= 0) {
      out.push({ text, span: { start: value.span.start + at, end: value.span.start + at + text.length } });
      cursor = at + text.length;
    } else {
      out.push({ text, span: value.span });
    }
  }
  return out;
}

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
      expect(splitListValue(value, sourceText), `seed ${seed}`).toEqual(oracle(value, sourceText));
    }
  });
});
