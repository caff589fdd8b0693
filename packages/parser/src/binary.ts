/**
 * Binary input detection: a RouterOS `.backup` (or any other binary file) renamed `.rsc` is not a
 * script, and parsing it only produces a wall of nonsense errors. Checked once, before scanning.
 *
 * Backup files start with a little-endian u32 magic (BigNerd95/RouterOS-Backup-Tools):
 * 0xB1A1AC88 plaintext, 0x7291A8EF RC4-encrypted, 0x7391A8EF AES-encrypted. Anything else counts
 * as binary only when it is clearly not text: >8% control characters (>25% below 256 characters) (NUL and C0 other than tab,
 * newlines, form feed) or U+FFFD in its first 4 KB. A few stray NULs in a script stay a script.
 */
const BACKUP_MAGIC: readonly (readonly number[])[] = [
  [0x88, 0xac, 0xa1, 0xb1],
  [0xef, 0xa8, 0x91, 0x72],
  [0xef, 0xa8, 0x91, 0x73],
];

// Windows-1252 0x80–0x9F → code point (the decoder's fallback); inverted to get the byte back.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const BYTE_OF = new Map<number, number>(CP1252_HIGH.map((cp, i) => [cp, 0x80 + i]));

/** The byte a decoded character came from (Windows-1252 or latin1 decoding), or -1. */
function byteOf(code: number): number {
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  return BYTE_OF.get(code) ?? (code <= 0xff ? code : -1);
}

export type BinaryKind = 'backup' | 'binary';

const SAMPLE = 4096;

/** `backup` for a RouterOS backup magic, `binary` for other non-text content, else undefined. */
export function detectBinary(text: string): BinaryKind | undefined {
  if (text.length >= 4) {
    const head = [byteOf(text.charCodeAt(0)), byteOf(text.charCodeAt(1)), byteOf(text.charCodeAt(2)), byteOf(text.charCodeAt(3))];
    if (BACKUP_MAGIC.some((m) => m.every((b, i) => head[i] === b))) return 'backup';
    // The encrypted magics' first three bytes are valid UTF-8 (U+FA11): decoded as such, the file
    // starts with that character and then `r` (RC4) or `s` (AES).
    if (text.charCodeAt(0) === 0xfa11 && (text[1] === 'r' || text[1] === 's')) return 'backup';
  }
  const n = Math.min(text.length, SAMPLE);
  if (n < 16) return undefined;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13) || c === 0xfffd) odd++;
  }
  // Random bytes are ~11% C0 controls; a short text needs a much higher share to be called binary.
  return odd > n * (n < 256 ? 0.25 : 0.08) ? 'binary' : undefined;
}

export function binaryMessage(kind: BinaryKind): string {
  return kind === 'backup'
    ? 'this is a binary RouterOS backup (.backup), not a script; lint the output of `/export` instead'
    : 'this looks like a binary RouterOS backup, not a script (it is full of control bytes); lint the output of `/export` instead';
}

/** Where NUL characters are (first offset and count): a script never contains them. */
export function findNuls(text: string): { first: number; count: number } | undefined {
  const first = text.indexOf('\u0000');
  if (first < 0) return undefined;
  let count = 0;
  for (let i = first; i >= 0; i = text.indexOf('\u0000', i + 1)) count++;
  return { first, count };
}
