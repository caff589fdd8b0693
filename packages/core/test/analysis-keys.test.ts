import { describe, it, expect } from 'vitest';
import { x25519 } from '@noble/curves/ed25519.js';
import { checkKeyText, derivePublicKey, isLowOrderPoint, publicKeyProblem, LOW_ORDER_POINTS, encodeKey } from '../src/analysis/keys.js';

// A real pair generated with x25519 for these tests.
const PRIV = 'mhLPPxpMGz0EqUJb2IiZjat7pakbjilICf3t4FWOHgg=';
const PUB = 'DmzzCiUZ2U+RPJVK7S6vSYQnXXgtSDenIgaM5hDhUzM=';

describe('checkKeyText', () => {
  it('accepts a real key', () => {
    expect(checkKeyText(PUB).ok).toBe(true);
    expect(checkKeyText(PRIV).ok).toBe(true);
  });
  it.each([
    ['REMOTE-PUBLIC-KEY-BASE64', 'placeholder'],
    ['<SERVER_PUBLIC_KEY>', 'placeholder'],
    ['base64publickey...', 'placeholder'],
    [PUB.slice(0, 30), '30 characters'],
    [PUB.slice(0, 43), '43 characters'],
    [PUB + 'A', 'padding'],
    [PUB.slice(0, 43) + 'AB', '45 characters'],
    [PUB.slice(0, 43) + '==', '45 characters'],
    ['', 'empty'],
    ['DmzzCiUZ2U+RPJVK7S6vSYQnXXgtSDenIgaM5hDhUzN=', 'canonical'],
    ['DmzzCiUZ2U-RPJVK7S6vSYQnXXgtSDenIgaM5hDhUzM=', 'placeholder'],
  ])('rejects %s', (text, why) => {
    const r = checkKeyText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(why);
      // Reasons never echo the value (it may be a private key).
      if (text) expect(r.reason).not.toContain(text);
    }
  });
});

describe('low-order points', () => {
  it('every listed point really has small order: X25519 with any scalar gives all zeros', () => {
    const sk = x25519.utils.randomSecretKey();
    for (const p of LOW_ORDER_POINTS) {
      expect(() => x25519.getSharedSecret(sk, p), encodeKey(p)).toThrow();
      const high = Uint8Array.from(p);
      high[31]! |= 0x80;
      expect(() => x25519.getSharedSecret(sk, high)).toThrow();
      expect(isLowOrderPoint(high)).toBe(true);
    }
  });
  it('flags the all-zero key and not a real one', () => {
    expect(publicKeyProblem('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toMatch(/low-order/);
    expect(publicKeyProblem(PUB)).toBeUndefined();
    expect(isLowOrderPoint(Uint8Array.from(Buffer.from(PUB, 'base64')))).toBe(false);
  });
});

describe('derivePublicKey', () => {
  it('derives the public key of a private key', () => {
    expect(derivePublicKey(PRIV)).toBe(PUB);
    expect(derivePublicKey('not-a-key')).toBeUndefined();
  });
});
