/**
 * No formatter ever prints a private or preshared key (design.md, "Diagnostics contract").
 *
 * Every formatter, with and without colour, over the fixtures that carry keys — each file alone,
 * and each fixture directory as one network (related locations and cross-router messages) — and
 * none of the key strings may appear. The `it.fails` cases at the end pin redaction gaps the fuzz
 * target found in code this suite does not own (core/linter, core/wgquick): when one is fixed its
 * test starts failing — turn it into a plain `it`.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter, type LintResult } from '@roslint/core';
import { builtinRules } from '@roslint/rules';
import { formatterNames, getFormatter } from '@roslint/cli';
import { parse } from '@roslint/parser';
import { secretSpans } from '@roslint/core';
import { secretValues } from '../packages/core/src/linter/secrets.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const linter = new Linter({ rules: builtinRules });
const KEY = '[A-Za-z0-9+/]{43}=';

/** Key strings written as secrets: `private-key=`/`preshared-key=` (export wraps allowed), wg-quick lines. */
function secretKeys(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(new RegExp(`(?:private-key|preshared-key)=(?:\\\\\\r?\\n[ \\t]*)?"?(${KEY})`, 'g'))) out.add(m[1]!);
  for (const m of text.matchAll(new RegExp(`^[ \\t]*(?:Private|Preshared)Key[ \\t]*=[ \\t]*(${KEY})`, 'gm'))) out.add(m[1]!);
  return [...out];
}

function filesUnder(dir: string): string[] {
  const st = statSync(dir);
  if (!st.isDirectory()) return [dir];
  return readdirSync(dir).sort().flatMap((n) => filesUnder(join(dir, n)));
}

const inputs = [
  'fixtures/exports/vps-hub-show-sensitive.rsc',
  'fixtures/guide/preshared-key.rsc',
  ...filesUnder(join(root, 'fixtures/wireguard')).map((f) => relative(root, f)),
  ...filesUnder(join(root, 'fixtures/networks')).map((f) => relative(root, f)),
].filter((f) => /\.(rsc|conf)$/.test(f));

function allOutputs(results: readonly LintResult[]): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const name of formatterNames()) {
    for (const color of [false, true]) {
      const text = getFormatter(name)!(results, { cwd: root, color, rules: builtinRules.map((r) => r.meta), toolVersion: '0.0.0-test' });
      out.push({ name: `${name}${color ? ' (color)' : ''}`, text });
    }
  }
  return out;
}

function leaks(results: readonly LintResult[], keys: readonly string[]): string[] {
  const found: string[] = [];
  for (const { name, text } of allOutputs(results)) for (const k of keys) if (text.includes(k)) found.push(`${name}: ${k.slice(0, 6)}…`);
  return found;
}

const lint = (file: string, text: string) => linter.lintText(text, { file });

describe('secrets never reach any output', () => {
  const withKeys = inputs.filter((f) => secretKeys(readFileSync(join(root, f), 'utf8')).length > 0);

  it('covers the fixtures that carry keys', () => {
    expect(withKeys).toContain('fixtures/exports/vps-hub-show-sensitive.rsc');
    expect(withKeys).toContain('fixtures/guide/preshared-key.rsc');
    expect(withKeys.filter((f) => f.startsWith('fixtures/wireguard/')).length).toBeGreaterThan(3);
    expect(withKeys.filter((f) => f.endsWith('.conf')).length).toBeGreaterThan(3);
  });

  it('finds every key in the sensitive export (the helper works)', () => {
    const keys = secretKeys(readFileSync(join(root, 'fixtures/exports/vps-hub-show-sensitive.rsc'), 'utf8'));
    expect(keys.length).toBeGreaterThanOrEqual(4); // interface + peer private keys + preshared keys
    // And the raw outputs would contain them if nothing redacted: the code frames show those lines.
    expect(readFileSync(join(root, 'fixtures/exports/vps-hub-show-sensitive.rsc'), 'utf8')).toContain(keys[0]);
  });

  it.each(withKeys)('%s alone', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const result = lint(file, text);
    expect(result.diagnostics.length + result.secretSpans.length).toBeGreaterThan(0);
    expect(leaks([result], secretKeys(text))).toEqual([]);
  });

  const networks = [...new Set(withKeys.filter((f) => f.startsWith('fixtures/networks/')).map((f) => dirname(f)))];
  it.each(networks)('%s as a network', (dir) => {
    const files = inputs.filter((f) => dirname(f) === dir);
    const texts = files.map((f) => readFileSync(join(root, f), 'utf8'));
    const results = linter.lintMany(files.map((file, i) => ({ file, content: texts[i]! })), {});
    expect(leaks(results, texts.flatMap(secretKeys))).toEqual([]);
  });
});

// Found by the fuzz target (bench/fuzz-core.mjs); fixes belong to core/linter/secrets.ts,
// core/linter/linter.ts (lintText) and core/wgquick/read.ts.
describe('redaction gaps found by fuzzing (fixed)', () => {
  const A = 'nkjVo/FqAueMbbPeAnbCi3hkKcvl73jYckYaOUzSER8=';
  const B = 'IpAqKH7LCRMv8Bdu9DIz/O1id0195daOJBPZveWPJ3M=';

  it('wg-quick: a PrivateKey line under [Peer] is redacted', () => {
    const text = `[Interface]\nPrivateKey = ${A}\nAddress = 10.0.0.2/32\n\n[Peer]\nPublicKey = 6n3j0fGD0ww0eCJIXZ5479vzI8fe6IYCShJjVB40ymg=\nPrivateKey = ${B}\nAllowedIPs = 10.0.0.0/24\n`;
    expect(leaks([lint('peer.conf', text)], [A, B])).toEqual([]);
  });

  it('wg-quick: a second PrivateKey line in [Interface] is redacted', () => {
    const text = `[Interface]\nPrivateKey = ${A}\nPrivateKey = ${B}\nAddress = 10.0.0.2/32\n`;
    expect(leaks([lint('twice.conf', text)], [A, B])).toEqual([]);
  });

  it('lintText: a secret value repeated elsewhere in the file is redacted there too', () => {
    const text = `/interface wireguard\nadd listen-port=13231 name=wg1 private-key="${A}"\n/ip address\nadd address=10.0.0.1/24 interface=wg1 bogus-property=${A}\n`;
    expect(leaks([lint('again.rsc', text)], [A])).toEqual([]);
  });

  it('the key after a broken string is among the values messages are scrubbed of', () => {
    const text = `/interface/wireguard/add name=wg1 private-key="Iv/add name=wg1 private-key="${A}"\n`;
    expect(secretValues(text, secretSpans(parse(text).script, text))).toContain(A);
  });

  it('wg-quick: a key line under an unknown section or lower-cased is redacted', () => {
    const text = `[Interface]\nprivatekey = ${A}\n\n[Extra]\nPresharedKey = ${B}\n`;
    expect(leaks([lint('odd.conf', text)], [A, B])).toEqual([]);
  });

  it('a secret of one file is redacted where it appears in another file of the network', () => {
    const odd = 'not-a-key-shaped-secret-123';
    const one = `/interface wireguard\nadd name=wg1 private-key="${odd}"\n`;
    const two = `/ip address\nadd address=10.0.0.1/24 interface=wg1 bogus-property=${odd}\n`;
    const results = linter.lintMany([{ file: 'one.rsc', content: one }, { file: 'two.rsc', content: two }], {});
    expect(results[1]!.secretSpans.map((s) => two.slice(s.start, s.end))).toContain(odd);
    expect(leaks(results, [odd])).toEqual([]);
  });

  it('a key held in a variable is redacted where the variable is set, before or after its use', () => {
    const text = [
      `:local pk "${A}"; /ip address add address=10.0.0.1/24 interface=wg1 bogus-property=1`,
      '/interface wireguard add listen-port=13231 name=wg1 private-key=$pk',
      '/interface wireguard peers add interface=wg1 public-key="6n3j0fGD0ww0eCJIXZ5479vzI8fe6IYCShJjVB40ymg=" preshared-key=$psk allowed-address=10.0.0.2/32',
      `:global psk; :set psk value="${B}"; /ip address add bogus-property=2`,
      '',
    ].join('\n');
    const result = lint('variable.rsc', text);
    expect(result.diagnostics.filter((d) => d.ruleId === 'schema/unknown-property')).toHaveLength(2);
    expect(result.secretSpans.map((s) => text.slice(s.start, s.end))).toEqual([`"${A}"`, `"${B}"`]);
    expect(leaks([result], [A, B])).toEqual([]);
  });

  it('a key after a broken string on the same line is redacted', () => {
    const text = `/interface/wireguard/add listen-port=13231 name=wg1 private-key="Iv/add name=wg1 private-key="${A}"\n`;
    expect(leaks([lint('broken.rsc', text)], [A])).toEqual([]);
  });
  it('a code frame far along a long line after a key shows no part of it', () => {
    // Code frames cut the source ~480 characters before a diagnostic: here the cut falls inside the key.
    const prefix = '/interface wireguard add name=wg1 private-key="';
    const filler = 'x'.repeat(480 + 20 - A.length - '" comment="'.length - '" '.length);
    const text = `${prefix}${A}" comment="${filler}" bogus-property=1\n`;
    const result = lint('long.rsc', text);
    expect(result.diagnostics.map((d) => d.ruleId)).toContain('schema/unknown-property');
    const pieces = Array.from({ length: A.length - 7 }, (_, i) => A.slice(i, i + 8));
    for (const { name, text: out } of allOutputs([result])) {
      expect(pieces.filter((p) => out.includes(p)), name).toEqual([]);
    }
  });
});
