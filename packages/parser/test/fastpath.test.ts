/** The flat-statement fast path must build exactly the tree the chevrotain grammar builds. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { flatLineHooks } from '../src/flatline.js';
import { parserTestHooks } from '../src/parse.js';
import { both } from './helpers.js';
import { generateExport } from './generate.js';

const dir = fileURLToPath(new URL('../../../fixtures/syntax/', import.meta.url));

describe('fast path ≡ grammar', () => {
  afterEach(() => { parserTestHooks.disableFastPath = false; flatLineHooks.disabled = false; });

  const samples = [
    '/ip firewall filter add chain=input action=accept', 'set [ find default-name=ether1 ] comment=x disabled=no',
    'set 0 !port chain=blah2 in-interface-list=!LAN', 'add name=x gateway6= comment=""', '/interface ..',
    '$f a=1 "x"', 'add name=wg-$n', 'remove $id', '/ping 10.0.0.1 count=5', '/system script add source=":put 1"',
    'set [find] x=1', 'add a=[ find b=c ]', '/', 'add "quoted positional" x="a\\"b"', 'set comment= x',
  ];
  // Each case twice: the token fast path alone, and in front of it the flat-line path (flatline.test.ts).
  for (const tokensOnly of [true, false]) {
    const which = tokensOnly ? 'token fast path' : 'flat lines + token fast path';
    it.each(samples)(`${which}: %s`, (src) => {
      const { fast, slow } = both(src, tokensOnly);
      expect(fast.script).toEqual(slow.script);
      expect(fast.diagnostics).toEqual(slow.diagnostics);
    });

    it(`${which}: fixtures and a generated export`, () => {
      const texts = readdirSync(dir).filter((f) => f.endsWith('.rsc')).map((f) => readFileSync(dir + f, 'utf8'));
      texts.push(generateExport(50_000));
      for (const t of texts) {
        const { fast, slow } = both(t, tokensOnly);
        expect(fast.script).toEqual(slow.script);
        expect(fast.diagnostics).toEqual(slow.diagnostics);
      }
    });
  }
});
