import { describe, expect, it } from 'vitest';
import type { Expr, NamedArg, Script, Statement } from '@roslint/parser';
import { mergeSpans, occurrenceSpans, redact, redactSegments, REDACTED, scrubText, secretSpans } from '../src/linter/secrets.js';
import { parseDirective, parseIgnoreComment } from '../src/linter/directives.js';

const KEY = 'YNe4ZNhjUOdJhOd5oO1kDRJ0WxC3pRSkJGgc8Ag8qGQ=';

/** Hand-built AST pieces locating themselves in `text` by search. */
function word(text: string, value: string, from = 0): Expr {
  const start = text.indexOf(value, from);
  return { kind: 'word', text: value, start, end: start + value.length };
}
function named(text: string, name: string, value: Expr): NamedArg {
  const start = text.indexOf(`${name}=`, value.start - name.length - 1);
  return { kind: 'named', name, nameSpan: { start, end: start + name.length }, negated: false, value, start, end: value.end };
}
function command(args: NamedArg[], start: number, end: number): Statement {
  return { kind: 'command', path: null, command: null, colon: false, callee: null, args, start, end };
}
function script(text: string, body: Statement[]): Script {
  return { kind: 'script', body, comments: [], start: 0, end: text.length };
}
const texts = (text: string, s: Script) => secretSpans(s, text).map((sp) => text.slice(sp.start, sp.end));

describe('secretSpans', () => {
  it('takes named private-key / preshared-key values from the AST, skipping auto, none and variables', () => {
    const text = `add private-key=${KEY} preshared-key=auto\nadd private-key=$pk`;
    const v = word(text, KEY);
    const auto = word(text, 'auto');
    const variable: Expr = { kind: 'variable', name: 'pk', quoted: false, start: text.indexOf('$pk'), end: text.length };
    const s = script(text, [
      command([named(text, 'private-key', v), named(text, 'preshared-key', auto)], 0, text.indexOf('\n')),
      command([named(text, 'private-key', variable)], text.indexOf('\n') + 1, text.length),
    ]);
    expect(texts(text, s)).toEqual([KEY]);
  });

  it('finds keys inside embedded scripts and `where` comparisons', () => {
    const text = `add source="/interface wireguard set wg1 private-key=\\"${KEY}\\""\n:put [find where preshared-key="abcdefgh"]`;
    const inner: Expr = { kind: 'string', value: KEY, parts: [], start: text.indexOf('\\"'), end: text.indexOf('\\""') + 2 };
    const embedded = script(text, [command([named(text, 'private-key', inner)], 12, text.indexOf('\n') - 1)]);
    const outer: Expr = { kind: 'string', value: null, parts: [], embedded, start: 11, end: text.indexOf('\n') };
    const whereRight: Expr = { kind: 'string', value: 'abcdefgh', parts: [], start: text.indexOf('"abcdefgh"'), end: text.indexOf('"abcdefgh"') + 10 };
    const where: Expr = { kind: 'where', condition: { kind: 'binary', operator: '=', left: word(text, 'preshared-key', text.indexOf('where')), right: whereRight, start: 0, end: 0 }, start: 0, end: 0 };
    const s = script(text, [
      command([named(text, 'source', outer)], 0, text.indexOf('\n')),
      { kind: 'command', path: null, command: null, colon: true, callee: null, args: [{ kind: 'positional', value: where, start: 0, end: 0 }], start: text.indexOf(':put'), end: text.length },
    ]);
    expect(texts(text, s)).toEqual([`\\"${KEY}\\"`, '"abcdefgh"']);
  });

  it('falls back to a lexical scan where the parser gave up (error statements, comments, wrapped values)', () => {
    const text = `add private-key="${KEY}" ((( broken\n# old: preshared-key=${KEY.slice(0, 20)}\nadd private-key=\\\n    ${KEY} name=x\nset preshared-key=none`;
    const s = script(text, [{ kind: 'error', start: 0, end: text.indexOf('\n') }]);
    expect(texts(text, s)).toEqual([`"${KEY}"`, KEY.slice(0, 20), KEY]);
  });

  it('finds PrivateKey / PresharedKey in WireGuard INI text (wg-import config-string)', () => {
    const text = `/interface wireguard wg-import config-string="[Interface]\\nPrivateKey = ${KEY}\\nAddress = 10.0.0.2/32\\n[Peer]\\nPresharedKey=${KEY.slice(0, 40)}\\n"`;
    expect(texts(text, script(text, []))).toEqual([KEY, KEY.slice(0, 40)]);
  });

  it('never throws on a malformed AST', () => {
    const text = `private-key=${KEY}`;
    const bad = { kind: 'script', body: [{ kind: 'named', name: 'private-key', value: { start: 'x' } }], comments: [] } as unknown as Script;
    expect(texts(text, bad)).toEqual([KEY]);
  });
});

describe('redact', () => {
  it('replaces spans with <redacted>, also when the text is a slice of the file', () => {
    const text = `line one\nadd private-key=${KEY} name=wg1`;
    const start = text.indexOf(KEY);
    const spans = [{ start, end: start + KEY.length }];
    expect(redact(text, spans)).toBe('line one\nadd private-key=<redacted> name=wg1');
    const lineStart = text.indexOf('add');
    expect(redact(text.slice(lineStart), spans, lineStart)).toBe('add private-key=<redacted> name=wg1');
    expect(redact(text.slice(0, 8), spans)).toBe('line one');
  });

  it('gives segments with the original offsets so underlines can be realigned', () => {
    const segs = redactSegments('a=SECRET b', [{ start: 12, end: 18 }], 10);
    expect(segs).toEqual([
      { text: 'a=', start: 10, end: 12, redacted: false },
      { text: '<redacted>', start: 12, end: 18, redacted: true },
      { text: ' b', start: 18, end: 20, redacted: false },
    ]);
  });

  it('redacts a slice that starts or ends inside a secret, among many spans (found by binary search)', () => {
    const spans = Array.from({ length: 50 }, (_, i) => ({ start: i * 100 + 10, end: i * 100 + 60 }));
    const text = 'x'.repeat(5000);
    // A slice from the middle of span 20 to the middle of span 21.
    expect(redact(text.slice(2030, 2140), spans, 2030)).toBe(`<redacted>${'x'.repeat(50)}<redacted>`);
    // Unsorted, overlapping input gives the same answer.
    expect(redact(text.slice(2030, 2140), [...spans].reverse().concat([{ start: 2020, end: 2040 }]), 2030)).toBe(`<redacted>${'x'.repeat(50)}<redacted>`);
    expect(redact(text.slice(4990, 5000), spans, 4990)).toBe('x'.repeat(10));
  });

  it('merges overlapping spans', () => {
    expect(mergeSpans([{ start: 5, end: 9 }, { start: 0, end: 2 }, { start: 8, end: 12 }, { start: 3, end: 3 }])).toEqual([
      { start: 0, end: 2 },
      { start: 5, end: 12 },
    ]);
  });
});

describe('directive parsing', () => {
  const c = (text: string) => parseDirective({ kind: 'comment', text, start: 0, end: text.length + 1 });
  it('reads kind, rule list and reason', () => {
    expect(c(' roslint-disable-next-line a/b, c/d -- why')).toMatchObject({ kind: 'disable-next-line', rules: ['a/b', 'c/d'] });
    expect(c('roslint-disable')).toMatchObject({ kind: 'disable', rules: null });
    expect(c(' roslint-disable-file -- generated')).toMatchObject({ kind: 'disable-file', rules: null });
    expect(c(' roslint-enable a/b')).toMatchObject({ kind: 'enable', rules: ['a/b'] });
    expect(c(' roslint-disabled')).toBeNull();
    expect(c(' see roslint-disable')).toBeNull();
  });
  it('reads roslint-ignore lists out of item comments', () => {
    expect(parseIgnoreComment('office link roslint-ignore: a/b, c/d (reviewed)')).toEqual(['a/b', 'c/d']);
    expect(parseIgnoreComment('no directive')).toEqual([]);
  });
});

describe('occurrenceSpans', () => {
  /** The plain definition: an indexOf walk per value, merged. */
  const naive = (text: string, values: string[]) =>
    mergeSpans(values.flatMap((v) => {
      const out = [];
      for (let i = text.indexOf(v); v && i >= 0; i = text.indexOf(v, i + v.length)) out.push({ start: i, end: i + v.length });
      return out;
    }));

  it('finds thousands of keys (ending in =) in one pass, as indexOf would', () => {
    let x = 7;
    const rnd = (n: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const key = () => Array.from({ length: 43 }, () => alphabet[rnd(64)]).join('') + '=';
    const keys = Array.from({ length: 3000 }, key);
    const chosen = [keys[0]!, keys[1234]!, keys[2999]!];
    const text = `add public-key="${chosen[0]}" x\nadd public-key=${chosen[1]}\n# ${chosen[2]}${chosen[2]}\nAAAAAAAAAAAA`;
    const found = mergeSpans(occurrenceSpans(text, [...keys, 'AAAA', 'short']));
    expect(found).toEqual(naive(text, [...keys, 'AAAA', 'short']));
    expect(found.map((s) => text.slice(s.start, s.end))).toEqual([chosen[0], chosen[1], chosen[2]! + chosen[2]!, 'AAAAAAAAAAAA']);
  });

  it('agrees with indexOf on random texts over a small alphabet (many hash collisions of prefixes)', () => {
    let x = 11;
    const rnd = (n: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
    const word = (n: number) => Array.from({ length: n }, () => 'ab='[rnd(3)]).join('');
    for (let round = 0; round < 200; round++) {
      const text = word(300);
      const values = Array.from({ length: 6 + rnd(10) }, () => (rnd(2) ? text.slice(rnd(290), rnd(290) + 4 + rnd(20)) : word(2 + rnd(12)))).filter((v) => v);
      expect(mergeSpans(occurrenceSpans(text, values))).toEqual(naive(text, values));
    }
  });

  it('searches with the same prepared values array across texts, and scrubs exactly like value-by-value replacement', () => {
    let x = 13;
    const rnd = (n: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
    const word = (n: number) => Array.from({ length: n }, () => 'ab=c'[rnd(4)]).join('');
    const values = Array.from({ length: 40 }, () => word(3 + rnd(14))).sort((a, b) => b.length - a.length);
    const naiveScrub = (text: string) => values.reduce((out, v) => (out.includes(v) ? out.split(v).join(REDACTED) : out), text);
    for (let round = 0; round < 300; round++) {
      const text = rnd(3) === 0 ? 'no secret here: xyz' : word(rnd(200));
      expect(mergeSpans(occurrenceSpans(text, values))).toEqual(naive(text, values));
      expect(scrubText(text, values)).toEqual(naiveScrub(text));
    }
  });
});

describe('occurrenceSpans over long values (sampled search)', () => {
  /** Each value's leftmost non-overlapping occurrences, as an indexOf walk finds them (not merged). */
  const walk = (text: string, values: string[]) =>
    [...new Set(values)]
      .flatMap((v) => {
        const out = [];
        for (let i = text.indexOf(v); i >= 0; i = text.indexOf(v, i + v.length)) out.push({ start: i, end: i + v.length });
        return out;
      })
      .sort((a, b) => a.start - b.start || a.end - b.end);
  const sorted = (spans: { start: number; end: number }[]) => [...spans].sort((a, b) => a.start - b.start || a.end - b.end);

  it('finds exactly the occurrences an indexOf walk per value finds, on periodic and random texts', () => {
    let x = 17;
    const rnd = (n: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
    for (let round = 0; round < 300; round++) {
      // Small alphabets and periodic runs: many windows collide, and values overlap themselves.
      const alphabet = ['ab', 'ab=', 'abc+/='][rnd(3)]!;
      const word = (n: number) => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
      const text = rnd(4) === 0 ? 'a'.repeat(50 + rnd(200)) + word(rnd(100)) : word(200 + rnd(1500));
      const values = Array.from({ length: 5 + rnd(30) }, () => {
        const len = 24 + rnd(40);
        return rnd(3) === 0 ? word(len) : text.slice(rnd(text.length), rnd(text.length) + len);
      }).filter((v) => v.length >= 24);
      if (rnd(5) === 0) values.push('a'.repeat(24 + rnd(10)));
      expect(sorted(occurrenceSpans(text, values))).toEqual(walk(text, values));
    }
  });

  it('mixes short, medium and long values in one search, as the walks would', () => {
    let x = 23;
    const rnd = (n: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n;
    const word = (n: number) => Array.from({ length: n }, () => 'ab='[rnd(3)]).join('');
    for (let round = 0; round < 200; round++) {
      const text = word(400 + rnd(400));
      const values = Array.from({ length: 3 + rnd(40) }, () => text.slice(rnd(text.length), rnd(text.length) + 2 + rnd(50))).filter((v) => v);
      expect(sorted(occurrenceSpans(text, values))).toEqual(walk(text, values));
    }
  });
});
