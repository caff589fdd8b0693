/**
 * Performance sanity: a generated ~5 MB compact export (CRLF, wrapped lines, quoted strings,
 * `[ find … ]`), parsed once for warm-up and then timed. Prints MB/s; the assertion is only a
 * floor that catches an accidental blow-up (the real figure is recorded by `npm run bench`).
 */
import { describe, expect, it } from 'vitest';
import { parse } from '@roslint/parser';
import { generateExport } from './generate.js';

describe('parser performance', () => {
  it('parses a ~5 MB export', () => {
    const text = generateExport(5_000_000);
    parse(text.slice(0, 300_000)); // warm-up (JIT)
    let best = Infinity;
    let statements = 0;
    for (let run = 0; run < 2; run++) {
      const t0 = performance.now();
      const r = parse(text);
      best = Math.min(best, performance.now() - t0);
      statements = r.script.body.length;
      expect(r.diagnostics).toEqual([]);
    }
    const mb = text.length / 1e6;
    console.log(`parser: ${mb.toFixed(2)} MB, ${statements} statements in ${best.toFixed(0)} ms = ${(mb / (best / 1000)).toFixed(1)} MB/s`);
    expect(mb / (best / 1000)).toBeGreaterThan(2);
  });
});
