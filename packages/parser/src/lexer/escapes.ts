/** String escapes, shared by the scanner and the flat-line fast path so both decode alike. */

// `\?` (= `?`) is still accepted by RouterOS 7: its own :parse of forum scripts with `…php\?JSON`
// (tikoci/lsp-routeros-ts parseIL, 7.20.8/7.22.1) yields `?`, and 7.12 exports store scripts using it.
export const SIMPLE_ESCAPES: Record<number, string> = {
  34: '"', 92: '\\', 110: '\n', 114: '\r', 116: '\t', 36: '$', 95: ' ', 97: '\x07', 98: '\b', 102: '\f', 118: '\v',
  63: '?',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A run of `\XX` escapes: UTF-8 when it is valid UTF-8, else one character per byte. */
export function decodeEscapedBytes(bytes: number[]): string {
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return String.fromCharCode(...bytes);
  }
}
