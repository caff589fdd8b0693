/**
 * The key fast paths (text scan instead of decoding, low-order points by text, derivation by the
 * runtime's OpenSSL) must answer exactly as the decoding checks and @noble/curves did
 * (keys-legacy.ts), on real keys, low-order points and random near-keys.
 */
import { describe, expect, it } from 'vitest';
import { rng as seeded } from '../../../bench/generate.mjs';
import { LOW_ORDER_POINTS, checkKeyText, derivePublicKey, encodeKey, isKeyText, publicKeyProblem } from '../src/analysis/keys.js';
import * as legacy from './keys-legacy.js';

/** Deterministic PRNG (the benchmark generator's mulberry32) so a failure replays. */
const rng = (seed: number): (() => number) => seeded(seed).next;

const randomBytes = (r: () => number, n = 32) => Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ .\t\n<>é\u00ff\u0100';

/** A key, a low-order point (top bit set or not), or one of those with a character changed, added or removed. */
function nearKey(r: () => number): string {
  const x = r();
  let bytes = randomBytes(r);
  if (x < 0.2) {
    bytes = Uint8Array.from(LOW_ORDER_POINTS[Math.floor(r() * LOW_ORDER_POINTS.length)]!);
    if (r() < 0.5) bytes[31]! |= 0x80;
  }
  let text = encodeKey(bytes);
  if (r() < 0.5) return text;
  const at = Math.floor(r() * (text.length + 1));
  const c = CHARS[Math.floor(r() * CHARS.length)]!;
  const y = r();
  if (y < 0.4) text = text.slice(0, at) + c + text.slice(at + 1);
  else if (y < 0.7) text = text.slice(0, at) + c + text.slice(at);
  else text = text.slice(0, at) + text.slice(at + 1);
  return text;
}

describe('key fast paths are equivalent to decoding', () => {
  it('isKeyText ⇔ checkKeyText(…).ok, and publicKeyProblem gives the same answers', () => {
    const edges = ['', '=', 'A'.repeat(43) + '=', 'A'.repeat(44), 'A'.repeat(42) + 'B=', 'A'.repeat(42) + 'E=', 'A'.repeat(42) + '==', '/'.repeat(43) + '='];
    const r = rng(7);
    let valid = 0;
    for (let i = 0; i < 60_000; i++) {
      const text = i < edges.length ? edges[i]! : nearKey(r);
      expect(isKeyText(text), text).toBe(checkKeyText(text).ok);
      expect(publicKeyProblem(text), text).toBe(legacy.publicKeyProblem(text));
      if (isKeyText(text)) valid++;
    }
    expect(valid).toBeGreaterThan(20_000);
  });

  it('derivePublicKey gives what @noble/curves gives', () => {
    const r = rng(11);
    const keys = [new Uint8Array(32), new Uint8Array(32).fill(255), ...LOW_ORDER_POINTS, ...Array.from({ length: 1500 }, () => randomBytes(r))];
    for (const bytes of keys) {
      const text = encodeKey(bytes);
      expect(derivePublicKey(text), text).toBe(legacy.derivePublicKey(text));
    }
  });
});
