/** SourceText's line table: LF, CRLF and lone CR each end a line, as a character-by-character scan says. */
import { describe, expect, it } from 'vitest';
import { SourceText } from '../src/source.js';

/** The plain definition, one character at a time. */
function naiveLineStarts(t: string): number[] {
  const starts = [0];
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (t.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

describe('SourceText.lineStarts', () => {
  it('handles the edge cases', () => {
    for (const t of ['', 'a', '\n', '\r', '\r\n', '\n\r', '\r\r\n', 'a\r\nb\nc\rd', 'x\r', 'x\n\n', '\r\n\r\n']) {
      expect([...new SourceText(t).lineStarts], JSON.stringify(t)).toEqual(naiveLineStarts(t));
    }
  });

  it('agrees with a character scan on random mixes of terminators', () => {
    let x = 5;
    const rnd = (n: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
    for (let round = 0; round < 2000; round++) {
      const t = Array.from({ length: rnd(40) }, () => 'ab\r\n'[rnd(4)]).join('');
      expect([...new SourceText(t).lineStarts], JSON.stringify(t)).toEqual(naiveLineStarts(t));
    }
  });
});
