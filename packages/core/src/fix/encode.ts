/**
 * Text → bytes in the encoding the file was read with (SourceText.encoding), with its BOM, so a
 * fixed file differs from the original only where the fix changed it.
 */
import type { SourceEncoding } from '@roslint/parser';

const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const CP1252_REVERSE = new Map<number, number>(CP1252_HIGH.map((cp, i) => [cp, 0x80 + i]));

/** undefined when a character has no Windows-1252 byte (the file must then be left alone). */
function encodeWindows1252(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : CP1252_REVERSE.get(c);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}

export function encodeText(text: string, encoding: SourceEncoding, hadBom: boolean): Uint8Array | undefined {
  const body = encoding === 'windows-1252' ? encodeWindows1252(text) : new TextEncoder().encode(text);
  if (!body) return undefined;
  if (!hadBom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
