/**
 * Source text: bytes → decoded text, and offset ↔ line/column conversion.
 *
 * Decoding: a UTF-8 BOM is stripped; bytes that are not valid UTF-8 make the whole file decode as
 * Windows-1252 (the encoding older RouterOS/Winbox setups write), which the caller reports as an
 * `info` diagnostic. Line terminators LF, CRLF and lone CR all count as one line break.
 */
import type { Position, Range, Span } from './diagnostics.js';

export type SourceEncoding = 'utf-8' | 'windows-1252';

// Windows-1252 0x80–0x9F differ from latin1; the rest of 0x00–0xFF maps to the same code point.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const end = Math.min(bytes.length, i + CHUNK);
    const codes = new Array<number>(end - i);
    for (let j = i; j < end; j++) {
      const b = bytes[j]!;
      codes[j - i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

export interface DecodedBytes {
  text: string;
  encoding: SourceEncoding;
  hadBom: boolean;
}

export function decodeBytes(bytes: Uint8Array): DecodedBytes {
  let start = 0;
  let hadBom = false;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    start = 3;
    hadBom = true;
  }
  const body = bytes.subarray(start);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { text, encoding: 'utf-8', hadBom };
  } catch {
    return { text: decodeWindows1252(body), encoding: 'windows-1252', hadBom };
  }
}

export class SourceText {
  readonly text: string;
  readonly encoding: SourceEncoding;
  readonly hadBom: boolean;
  private lineStartsCache: Uint32Array | null = null;

  constructor(text: string, encoding: SourceEncoding = 'utf-8', hadBom = false) {
    // A BOM that survived decoding (text given as a string) is not part of the script.
    if (text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
      hadBom = true;
    }
    this.text = text;
    this.encoding = encoding;
    this.hadBom = hadBom;
  }

  static fromBytes(bytes: Uint8Array): SourceText {
    const d = decodeBytes(bytes);
    return new SourceText(d.text, d.encoding, d.hadBom);
  }

  /** Offsets at which each line starts; a line ends at LF, CRLF or a lone CR. */
  get lineStarts(): Uint32Array {
    if (this.lineStartsCache) return this.lineStartsCache;
    const t = this.text;
    const starts: number[] = [0];
    // Jump between terminators with indexOf (native, much faster than a JS loop over every
    // character: a network's related locations need the line starts of a thousand files).
    let lf = t.indexOf('\n');
    let cr = t.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        // `\r\n` is one terminator; a lone `\r` is one too.
        const end = cr + 1 === lf ? lf : cr;
        starts.push(end + 1);
        if (end === lf) lf = t.indexOf('\n', end + 1);
        cr = t.indexOf('\r', end + 1);
      } else {
        starts.push(lf + 1);
        lf = t.indexOf('\n', lf + 1);
      }
    }
    this.lineStartsCache = Uint32Array.from(starts);
    return this.lineStartsCache;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: o - starts[lo]!, offset: o };
  }

  offsetAt(line: number, column: number): number {
    const starts = this.lineStarts;
    if (line < 0) return 0;
    if (line >= starts.length) return this.text.length;
    const lineEnd = line + 1 < starts.length ? starts[line + 1]! : this.text.length;
    return Math.min(starts[line]! + Math.max(0, column), lineEnd);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** The text of one line without its terminator. */
  /** Length of a line without its terminator (no copy of the text, unlike `lineText`). */
  lineLength(line: number): number {
    const starts = this.lineStarts;
    if (line < 0 || line >= starts.length) return 0;
    let end = line + 1 < starts.length ? starts[line + 1]! : this.text.length;
    const t = this.text;
    if (end > starts[line]! && t.charCodeAt(end - 1) === 10) end--;
    if (end > starts[line]! && t.charCodeAt(end - 1) === 13) end--;
    return end - starts[line]!;
  }

  lineText(line: number): string {
    const starts = this.lineStarts;
    if (line < 0 || line >= starts.length) return '';
    return this.text.slice(starts[line]!, starts[line]! + this.lineLength(line));
  }

  /** The file's dominant line terminator, for writers that must keep it. */
  get eol(): '\r\n' | '\n' | '\r' {
    const t = this.text;
    const crlf = t.indexOf('\r\n');
    const lf = t.indexOf('\n');
    const cr = t.indexOf('\r');
    if (crlf >= 0 && crlf <= lf) return '\r\n';
    if (lf >= 0) return '\n';
    if (cr >= 0) return '\r';
    return '\n';
  }
}
