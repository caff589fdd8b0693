/**
 * WireGuard key text: validation, X25519 low-order points, public-key derivation.
 *
 * A WireGuard key is 32 bytes written as standard base64: 43 characters plus one `=`, and the
 * last character must leave the two unused bits zero (wireguard-tools' `key_from_base64` rejects
 * anything else). Functions here never put a key value into a returned message: callers may be
 * looking at a private or preshared key.
 */
import { createPrivateKey } from 'node:crypto';
import { x25519 } from '@noble/curves/ed25519.js';

export type KeyCheck = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

const BASE64_ALPHABET = /^[A-Za-z0-9+/]*$/;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decode 44-char standard base64 of exactly 32 bytes; reasons never contain the text itself. */
export function checkKeyText(text: string): KeyCheck {
  if (text.length === 0) return { ok: false, reason: 'is empty' };
  if (/\s/.test(text)) return { ok: false, reason: 'contains whitespace' };
  const body = text.replace(/=+$/, '');
  if (body.includes('=') && BASE64_ALPHABET.test(body.replace(/=/g, ''))) {
    return { ok: false, reason: 'has `=` padding before its end (two keys run together?)' };
  }
  if (!BASE64_ALPHABET.test(body)) {
    // Placeholders like REMOTE-PUBLIC-KEY-BASE64 or <SERVER_PUBLIC_KEY> land here.
    return { ok: false, reason: 'contains characters that are not standard base64 (looks like a placeholder)' };
  }
  if (text.length !== 44 || !text.endsWith('=') || text.endsWith('==')) {
    return { ok: false, reason: `is ${text.length} characters long; a key is 44 characters of base64 encoding 32 bytes` };
  }
  // 43 characters carry 258 bits; the last one's two low bits must be zero.
  if ((B64.indexOf(body[42]!) & 0b11) !== 0) {
    return { ok: false, reason: 'is not a canonical base64 encoding of 32 bytes (its last character has stray bits)' };
  }
  const bytes = Uint8Array.from(Buffer.from(text, 'base64'));
  if (bytes.length !== 32) return { ok: false, reason: 'does not decode to 32 bytes' };
  return { ok: true, bytes };
}

/** Value of each base64 character code below 128, −1 for the others. */
const B64_VALUE = Int8Array.from({ length: 128 }, (_, c) => B64.indexOf(String.fromCharCode(c)));

/**
 * `checkKeyText(text).ok` without decoding or regular expressions: 43 base64 characters, the last
 * with its two unused bits zero, then one `=`. Rules ask this of every key of an export.
 */
export function isKeyText(text: string): boolean {
  if (text.length !== 44 || text.charCodeAt(43) !== 61 /* = */) return false;
  let value = 0;
  for (let i = 0; i < 43; i++) {
    const c = text.charCodeAt(i);
    value = c < 128 ? B64_VALUE[c]! : -1;
    if (value < 0) return false;
  }
  return (value & 0b11) === 0;
}

/** Bytes of a valid key, or undefined. */
export function decodeKey(text: string): Uint8Array | undefined {
  const r = checkKeyText(text);
  return r.ok ? r.bytes : undefined;
}

export function encodeKey(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/**
 * The X25519 points of small order (and their non-canonical encodings u+p), little-endian.
 * Source: libsodium `crypto_scalarmult/curve25519/ref10/x25519_ref10.c` (`has_small_order`
 * blacklist), also in Bernstein's https://cr.yp.to/ecdh.html#validate. A shared secret with any
 * of them is all zeros, so a peer using one as its public key gets no security.
 * As libsodium does, the top bit (ignored by X25519) is masked before comparing.
 */
const LOW_ORDER_HEX = [
  // 0 (order 4)
  '0000000000000000000000000000000000000000000000000000000000000000',
  // 1 (order 1)
  '0100000000000000000000000000000000000000000000000000000000000000',
  // 325606250916557431795983626356110631294008115727848805560023387167927233504 (order 8)
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  // 39382357235489614581723060781553021112529911719440698176882885853963445705823 (order 8)
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  // p − 1 (order 2)
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  // p (= 0, non-canonical)
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  // p + 1 (= 1, non-canonical)
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];
const LOW_ORDER = LOW_ORDER_HEX.map((h) => Uint8Array.from(Buffer.from(h, 'hex')));

/** The known low-order points, for tests and docs. */
export const LOW_ORDER_POINTS: readonly Uint8Array[] = LOW_ORDER;

export function isLowOrderPoint(bytes: Uint8Array): boolean {
  if (bytes.length !== 32) return false;
  outer: for (const p of LOW_ORDER) {
    for (let i = 0; i < 31; i++) if (bytes[i] !== p[i]) continue outer;
    if ((bytes[31]! & 0x7f) === p[31]) return true;
  }
  return false;
}

/**
 * The texts of the low-order points, with and without the ignored top bit: a valid key text is
 * one-to-one with its bytes, so `isLowOrderPoint` of a valid key is a lookup of its text.
 */
const LOW_ORDER_TEXTS: ReadonlySet<string> = new Set(
  LOW_ORDER.flatMap((p) => {
    const high = Uint8Array.from(p);
    high[31]! |= 0x80;
    return [encodeKey(p), encodeKey(high)];
  }),
);

const LOW_ORDER_PROBLEM = 'is a low-order X25519 point (any shared secret with it is all zeros)';

/** Problem with a public key (format or low order), or undefined when it is usable. */
export function publicKeyProblem(text: string): string | undefined {
  if (isKeyText(text)) return LOW_ORDER_TEXTS.has(text) ? LOW_ORDER_PROBLEM : undefined;
  const r = checkKeyText(text);
  if (!r.ok) return r.reason;
  if (isLowOrderPoint(r.bytes)) return LOW_ORDER_PROBLEM;
  return undefined;
}

/**
 * Derivations already done in this process, by private key text. X25519 costs ~1 ms, and the same
 * key is derived again when another thread's results are rebuilt (worker threads derive, the main
 * thread runs the network rules) or the editor relints a file. Safe to memoise: the result is a
 * pure function of the text. The values are private keys: they stay in this map, in this process,
 * and are never printed. Bounded so a long-lived language server cannot grow it without limit.
 */
const derived = new Map<string, string | undefined>();
const DERIVED_LIMIT = 100_000;

function remember(privateKeyText: string, publicKey: string | undefined): void {
  if (derived.size >= DERIVED_LIMIT) derived.clear();
  derived.set(privateKeyText, publicKey);
}

/** Public key (base64) of a base64 private key, or undefined when the private key is not valid. */
export function derivePublicKey(privateKeyText: string): string | undefined {
  if (derived.has(privateKeyText)) return derived.get(privateKeyText);
  const bytes = decodeKey(privateKeyText);
  let publicKey: string | undefined;
  if (bytes) {
    try {
      publicKey = nativePublicKey(bytes) ?? encodeKey(x25519.getPublicKey(bytes));
    } catch {
      publicKey = undefined;
    }
  }
  remember(privateKeyText, publicKey);
  return publicKey;
}

/**
 * X25519 public key by the runtime's OpenSSL, ~10× faster than @noble/curves (~0.08 against
 * ~0.7 ms; a 1,000-router network derives a key per router). Importing the raw private key as a
 * JWK is the fast way in: a PKCS#8 DER import costs as much as noble's whole derivation. Node
 * checks only that `x` is a string and derives the public key from `d`; a runtime that cannot do
 * this (another TLS library, a stricter import) returns undefined or throws, and the caller falls
 * back to noble. The result is a 43-character base64url public key or it is not used.
 */
function nativePublicKey(privateKey: Uint8Array): string | undefined {
  try {
    const d = Buffer.from(privateKey.buffer, privateKey.byteOffset, privateKey.byteLength).toString('base64url');
    const key = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d, x: '' }, format: 'jwk' });
    const x = key.export({ format: 'jwk' }).x;
    if (typeof x !== 'string' || x.length !== 43) return undefined;
    return Buffer.from(x, 'base64url').toString('base64');
  } catch {
    return undefined;
  }
}

/** A derivation done elsewhere in this process: [private key text, public key or undefined]. */
export type DerivedKey = [privateKeyText: string, publicKey: string | undefined];

/**
 * The memoised derivations of these private keys (those not yet derived are left out), to hand
 * to another thread of this process with `rememberDerivedKeys`.
 */
export function derivedKeysOf(privateKeyTexts: Iterable<string>): DerivedKey[] {
  const out: DerivedKey[] = [];
  for (const text of privateKeyTexts) if (derived.has(text)) out.push([text, derived.get(text)]);
  return out;
}

/** Seed the memo with derivations another thread of this process did (see `derivedKeysOf`). */
export function rememberDerivedKeys(keys: Iterable<DerivedKey>): void {
  for (const [text, publicKey] of keys) remember(text, publicKey);
}
