/**
 * Property: `parse` returns (never throws) on any input, within a time bound per kilobyte, and its
 * diagnostics and spans stay inside the text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, type Script } from '@roslint/parser';

const MS_PER_KB = 50;
const FLOOR_MS = 25; // small inputs: timer noise and lazy compilation dominate

const dir = fileURLToPath(new URL('../../../fixtures/syntax/', import.meta.url));
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.rsc')).map((f) => readFileSync(dir + f));

function checkParse(input: string | Uint8Array): void {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  const limit = Math.max(FLOOR_MS, (MS_PER_KB * size) / 1024);
  let t0 = performance.now();
  const r = parse(input);
  let ms = performance.now() - t0;
  // A GC pause or a busy machine can stall one run; a real blow-up is slow every time.
  for (let retry = 0; retry < 2 && ms > limit; retry++) {
    t0 = performance.now();
    parse(input);
    ms = Math.min(ms, performance.now() - t0);
  }
  expect(ms).toBeLessThanOrEqual(limit);
  const len = r.source.text.length;
  for (const d of r.diagnostics) {
    expect(d.range.start.offset).toBeGreaterThanOrEqual(0);
    expect(d.range.end.offset).toBeLessThanOrEqual(len);
    expect(d.range.start.offset).toBeLessThanOrEqual(d.range.end.offset);
  }
  checkSpans(r.script, len);
}

function checkSpans(script: Script, len: number): void {
  const stack: unknown[] = [script];
  while (stack.length) {
    const n = stack.pop() as Record<string, unknown>;
    if (typeof n.start === 'number' && typeof n.end === 'number') {
      if (!(n.start >= 0 && n.start <= n.end && n.end <= len)) throw new Error(`bad span ${n.start}-${n.end} (len ${len}) on ${String(n.kind)}`);
    }
    for (const k in n) {
      const v = n[k];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
}

const ALPHABET = [...'{}[]()"\\$#;:=!/.,-*%~&|^<> \t\n\r\r\nabz019AF_@?\'', 'add ', 'set ', '/ip ', 'where ', ':if ', 'do=', '\\\n', '$(', '$[', '\\"'];
const rosish = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 400 }).map((a) => a.join(''));

type Mutation = { kind: 'flip' | 'insert' | 'delete' | 'truncate' | 'splice'; at: number; byte: number; len: number };
const mutation = fc.record({
  kind: fc.constantFrom('flip', 'insert', 'delete', 'truncate', 'splice') as fc.Arbitrary<Mutation['kind']>,
  at: fc.nat(),
  byte: fc.constantFrom(0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x28, 0x29, 0x0a, 0x0d, 0x23, 0x24, 0x3d, 0xff, 0xc3, 0x00),
  len: fc.nat(64),
});

function mutate(src: Uint8Array, ms: Mutation[], other: Uint8Array): Uint8Array {
  let b = Array.from(src);
  for (const m of ms) {
    const at = b.length ? m.at % (b.length + 1) : 0;
    switch (m.kind) {
      case 'flip': if (at < b.length) b[at] = b[at]! ^ (1 << (m.byte & 7)); break;
      case 'insert': b.splice(at, 0, m.byte); break;
      case 'delete': b.splice(at, m.len % 8); break;
      case 'truncate': b = b.slice(0, at); break;
      case 'splice': { const from = other.length ? m.at % other.length : 0; b.splice(at, 0, ...other.subarray(from, from + m.len)); break; }
    }
  }
  return Uint8Array.from(b);
}

describe('parse never throws (property-based)', () => {
  it('random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (s) => checkParse(s)), { numRuns: 400 });
  });

  it('RouterOS-flavoured token soup', () => {
    fc.assert(fc.property(rosish, (s) => checkParse(s)), { numRuns: 600 });
  });

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (b) => checkParse(b)), { numRuns: 300 });
  });

  it('mutated fixtures (byte flips, splices, truncation, inserted quotes/braces/backslashes)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), (i, j, ms) => {
        const src = fixtures[i % fixtures.length]!;
        checkParse(mutate(src, ms, fixtures[j % fixtures.length]!));
      }),
      { numRuns: 500 },
    );
  });

  it('resuming after many unclosed brackets stays linear', () => {
    const src = ':put [\n'.repeat(150) + ':put 1\n'.repeat(40_000) + ')\n:put 2\n';
    checkParse(src);
    expect(parse(src).diagnostics.length).toBeGreaterThan(0);
  });

  it('pathological nesting stays bounded', () => {
    for (const [o, c] of [['{', '}'], ['(', ')'], ['[', ']'], ['"$(', ')"'], ['"$[', ']"']] as const) {
      const src = ':put ' + o.repeat(100_000) + c.repeat(100_000) + '\n:put 1';
      const r = parse(src);
      expect(r.diagnostics.some((d) => d.ruleId === 'syntax/too-deep')).toBe(true);
    }
  });
});
