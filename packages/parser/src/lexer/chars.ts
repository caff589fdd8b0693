/**
 * Character codes and classes shared by the scanner (lexer/scanner.ts) and the flat-line fast path
 * (flatline.ts), and the one rule both use to find where an unquoted word ends.
 */
export const SP = 32, TAB = 9, LF = 10, CR = 13, SEMI = 59, HASH = 35, BSL = 92, DQ = 34, DOLLAR = 36;
export const LBRACE = 123, RBRACE = 125, LBRACK = 91, RBRACK = 93, LPAR = 40, RPAR = 41, EQ = 61, BANG = 33;
export const COLON = 58, SLASH = 47;

export const isAlpha = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isAlnum = (c: number): boolean => isAlpha(c) || isDigit(c);
export const isUpperHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70);

const DELIMITER = new Uint8Array(128);
for (const c of [SP, TAB, LF, CR, SEMI, LBRACK, RBRACK, LBRACE, RBRACE, LPAR, RPAR, DQ, BSL]) DELIMITER[c] = 1;

/** Ends an unquoted word in command context. A table: this runs for every character of a file. */
export function isCommandDelimiter(c: number): boolean {
  return c < 128 && DELIMITER[c] === 1;
}

/**
 * Where the unquoted word at `start` ends: its end offset, or `~eq` (a negative number) when it is
 * an argument name ending at the `=` at offset `eq` (only outside a value: `inValue` makes `=`
 * part of the word). A `$name` or `$"…"` inside ends the word; a lone delimiter-like character
 * (`$` not followed by a name) is a word of one character.
 */
export function wordEnd(t: string, start: number, inValue: boolean): number {
  let i = start;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (isCommandDelimiter(c)) break;
    if (c === DOLLAR && i > start) {
      const n = t.charCodeAt(i + 1);
      if (isAlnum(n) || n === DQ) break;
    }
    if (c === EQ && !inValue && i > start) return ~i;
    i++;
  }
  return i === start ? i + 1 : i;
}
