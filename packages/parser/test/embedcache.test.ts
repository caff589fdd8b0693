/**
 * Embedded scripts parsed once are reused for the same text elsewhere (embedcache.ts): every reuse
 * must equal a fresh parse at its own place (spans through its own offset maps, problems with its
 * own line numbers), and no result may share objects with the cache or with another result.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, type Script, type StringExpr } from '@roslint/parser';
import { remappedCopy } from '../src/embedcache.js';
import { both } from './helpers.js';

function same(src: string): void {
  const { fast, slow } = both(src);
  expect(JSON.stringify(fast.script)).toBe(JSON.stringify(slow.script));
  expect(fast.diagnostics).toEqual(slow.diagnostics);
}

/** The embedded scripts of a parse, in source order. */
function embedded(script: Script): Script[] {
  const out: Script[] = [];
  JSON.stringify(script, (_k, v: unknown) => {
    const s = v as StringExpr | null;
    if (s && typeof s === 'object' && s.kind === 'string' && s.embedded) out.push(s.embedded);
    return v;
  });
  return out;
}

const script = ':local a 1\\r\\\r\n    \\n:if (\\$a > 0) do={ :put \\"x y\\" }';

describe('embedded script cache', () => {
  it('the same script at other places, wrapped differently, parses as if fresh', () => {
    const rewrapped = script.replace('\\$a > 0', '\\$a \\\r\n    > 0');
    same(`add name=a source="${script}"\r\n/ip address\r\nadd name=b source=\\\r\n    "${rewrapped}"\r\nadd name=c source="${script}"`);
  });

  it('a script with problems reports them at each place, with that place\'s line', () => {
    const src = 'add name=a source=":put (1"\n\n\nadd name=b source=":put (1"';
    same(src);
    const lines = parse(src).diagnostics.map((d) => d.range.start.line);
    expect(lines).toEqual([0, 3]);
  });

  it('across files: the second file gets its own copy, equal to a fresh parse', () => {
    const first = parse(`add name=a source="${script}"`);
    const secondSrc = `# other router\r\n/system script\r\nadd name=a source="${script}"`;
    same(secondSrc);
    const second = parse(secondSrc);
    const [a] = embedded(first.script);
    const [b] = embedded(second.script);
    expect(a!.start).not.toBe(b!.start);
    // Mutating one result touches neither the other nor what later parses get.
    (a!.body[0] as { start: number }).start = -1;
    expect(embedded(parse(secondSrc).script)[0]).toEqual(b);
  });

  it('random repeated scripts', () => {
    const stmt = fc.constantFrom(':local a 1', ':put \\$a', ':if (\\$a) do={ :put 2 }', ':put (', '# c', '/log info \\"x\\"');
    const body = fc.array(stmt, { minLength: 1, maxLength: 4 }).map((a) => a.join('\\r\\\r\n    \\n'));
    const line = fc.tuple(fc.constantFrom('source', 'on-event'), body, fc.constantFrom('', '\\\r\n    '))
      .map(([name, b, pre]) => `add ${name}=${pre}"${b}"`);
    fc.assert(fc.property(fc.array(line, { minLength: 2, maxLength: 5 }), (ls) => same(ls.join('\r\n'))), { numRuns: 300 });
  });

  it('remappedCopy maps every span, keeps key order, and shares nothing', () => {
    const tree = { kind: 'x', start: 1, end: 3, nameSpan: { start: 2, end: 3 }, list: [{ start: 0, end: 1, v: null }], n: 5 };
    const copy = remappedCopy(tree, (o) => o * 10, (o) => o * 10 + 1);
    expect(JSON.stringify(copy)).toBe('{"kind":"x","start":10,"end":31,"nameSpan":{"start":20,"end":31},"list":[{"start":0,"end":11,"v":null}],"n":5}');
    expect(copy.nameSpan).not.toBe(tree.nameSpan);
    expect(tree.start).toBe(1);
  });
});
