/**
 * Key checks as they were before the text fast paths (roslint 1e00499, keys.ts): every check
 * decoded the key, and derivation ran @noble/curves. Kept as the reference the keys
 * perf-equivalence test compares against. Not used by code.
 */
import { x25519 } from '@noble/curves/ed25519.js';
import { checkKeyText, encodeKey, isLowOrderPoint } from '../src/analysis/keys.js';

export function publicKeyProblem(text: string): string | undefined {
  const r = checkKeyText(text);
  if (!r.ok) return r.reason;
  if (isLowOrderPoint(r.bytes)) return 'is a low-order X25519 point (any shared secret with it is all zeros)';
  return undefined;
}

export function derivePublicKey(privateKeyText: string): string | undefined {
  const r = checkKeyText(privateKeyText);
  return r.ok ? encodeKey(x25519.getPublicKey(r.bytes)) : undefined;
}
