/**
 * Pathological inputs: each must produce a clear diagnostic (or none, where none is right), never
 * an exception, and finish within a time bound — through the parser, the whole linter and the
 * formatters. The bounds are generous for a loaded 2-core machine; what they catch is exponential
 * or quadratic behaviour (seconds to hours), not small slowdowns.
 */
import { describe, expect, it } from 'vitest';
import { parse, type Diagnostic } from '@roslint/parser';
import { Linter, type LintResult } from '@roslint/core';
import { builtinRules } from '@roslint/rules';
import { formatterNames, getFormatter } from '@roslint/cli';

const linter = new Linter({ rules: builtinRules });

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

/** Lint and run every formatter; returns the result and the total time. */
function lintAll(content: string | Uint8Array, file = 'input.rsc'): { result: LintResult; ms: number } {
  const { value: result, ms } = timed(() => {
    const r = linter.lintText(content, { file });
    for (const name of formatterNames()) getFormatter(name)!([r], { cwd: '/', color: false });
    return r;
  });
  return { result, ms };
}

const ids = (ds: readonly Diagnostic[]) => ds.map((d) => d.ruleId);
const internal = (r: LintResult) => r.diagnostics.filter((d) => d.ruleId === 'roslint/internal-error');

describe('deep nesting', () => {
  for (const [name, open] of [['{', '{'], ['(', '('], ['[', '['], ['mixed', '{(['], ['$( in a string', '$(']] as const) {
    it(`100,000 nested ${name} → syntax/too-deep, no stack overflow`, () => {
      const text = name.startsWith('$') ? `:put "${open.repeat(100_000)}"` : `:put ${open.repeat(Math.ceil(100_000 / open.length))}`;
      const { result, ms } = lintAll(text);
      expect(ids(result.diagnostics)).toContain('syntax/too-deep');
      expect(internal(result)).toEqual([]);
      expect(ms).toBeLessThan(5000);
    });
  }

  it('100,000 closers without openers: errors are capped, not one per character', () => {
    const { result, ms } = lintAll('}'.repeat(100_000));
    const errors = result.diagnostics.filter((d) => d.ruleId === 'syntax/parse-error');
    expect(errors.length).toBeLessThanOrEqual(1001);
    expect(errors.at(-1)!.message).toMatch(/too many syntax errors: \d+ more/);
    expect(ms).toBeLessThan(5000);
  });
});

describe('huge lines', () => {
  const MB10 = 10_000_000;
  it('a 10 MB string value on one line', () => {
    const { result, ms } = lintAll(`/ip firewall address-list add address=10.0.0.1 list=x comment="${'a'.repeat(MB10)}"\n`);
    expect(internal(result)).toEqual([]);
    expect(ms).toBeLessThan(20_000);
  });
  it('a 10 MB word (did-you-mean must not compare it with every menu name)', () => {
    const { result, ms } = lintAll('x'.repeat(MB10));
    expect(internal(result)).toEqual([]);
    expect(ms).toBeLessThan(20_000);
  });
  it('a 10 MB comment', () => {
    const { result, ms } = lintAll(`# ${'c'.repeat(MB10)}\n/ip dns set servers=9.9.9.9\n`);
    expect(result.diagnostics).toEqual([]);
    expect(ms).toBeLessThan(20_000);
  });
});

describe('bytes that are not a script', () => {
  it('NUL bytes in a script: one clear error, the rest still parsed', () => {
    const text = `/ip address\nadd address=10.0.0.1/24 interface=ether1 \0\0\ncomment=ok\0\n${'# padding line\n'.repeat(40)}`;
    const r = parse(text, { file: 'nul.rsc' });
    const nul = r.diagnostics.filter((d) => /NUL/.test(d.message));
    expect(nul).toHaveLength(1);
    expect(nul[0]!.message).toMatch(/^3 NUL bytes/);
    expect(nul[0]!.range.start).toMatchObject({ line: 1, column: 41 });
    expect(r.script.body.length).toBeGreaterThan(1);
    expect(internal(lintAll(text).result)).toEqual([]);
  });

  it('invalid UTF-8 is read as Windows-1252 and says so', () => {
    const bytes = new Uint8Array([...Buffer.from('/system identity set name="caf'), 0xe9, 0xff, 0xc3, 0x28, ...Buffer.from('"\n')]);
    const { result } = lintAll(bytes);
    expect(ids(result.diagnostics)).toEqual(['syntax/encoding']);
    expect(result.source.text).toContain('café');
  });

  const magics = { plaintext: [0x88, 0xac, 0xa1, 0xb1], rc4: [0xef, 0xa8, 0x91, 0x72], aes: [0xef, 0xa8, 0x91, 0x73] };
  for (const [name, magic] of Object.entries(magics)) {
    it(`a ${name} RouterOS .backup renamed .rsc → one syntax/binary-file error`, () => {
      // Header (magic, length), then content that is partly text: a backup holds readable strings too.
      const body = Buffer.from('\x10\x00\x00\x00/interface wireguard add name=wg1 private-key=x\n'.repeat(50), 'latin1');
      const bytes = new Uint8Array([...magic, 0x00, 0x20, 0x00, 0x00, ...body]);
      const { result, ms } = lintAll(bytes, 'router.rsc');
      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0]).toMatchObject({ ruleId: 'syntax/binary-file', severity: 'error' });
      expect(result.diagnostics[0]!.message).toMatch(/binary RouterOS backup/);
      expect(result.diagnostics[0]!.range.start).toMatchObject({ line: 0, column: 0 });
      expect(ms).toBeLessThan(2000);
    });
  }

  it('random binary without a magic → syntax/binary-file', () => {
    let x = 12345;
    const bytes = new Uint8Array(64 * 1024).map(() => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) & 255);
    const { result } = lintAll(bytes, 'blob.rsc');
    expect(ids(result.diagnostics)).toEqual(['syntax/binary-file']);
  });

  it('text with a few control characters is still a script', () => {
    const text = `/ip dns set servers=9.9.9.9\x01\n${'/ip route add gateway=10.0.0.1\x07\n'.repeat(10)}`;
    expect(ids(parse(text).diagnostics)).not.toContain('syntax/binary-file');
  });
});

describe('nothing to lint', () => {
  it('an empty file (text and bytes)', () => {
    expect(lintAll('').result.diagnostics).toEqual([]);
    expect(lintAll(new Uint8Array()).result.diagnostics).toEqual([]);
  });
  it('a file of only comments', () => {
    expect(lintAll('# just notes\r\n#\r\n# roslint is not mentioned\r\n').result.diagnostics).toEqual([]);
  });
  it('a BOM alone, whitespace alone, a lone backslash', () => {
    for (const t of ['\ufeff', ' \t\r\n\r\n', '\\']) expect(internal(lintAll(t).result)).toEqual([]);
  });
});

/**
 * Adversarial strings aimed at the regular expressions that read user input: the export header,
 * suppression directives, secret detection, wg-quick lines, time/number/address/key values, find
 * selectors, and the RouterOS regexes of `where … ~ "…"` (which the model evaluates).
 */
describe('no catastrophic backtracking on user input', () => {
  const N = 50_000;
  const long512 = 'a'.repeat(512);
  const cases: [string, string, string?][] = [
    ['header', `# 2024-01-01 00:00:00 by RouterOS ${'7.'.repeat(N)}\n# software id = ${' '.repeat(N)}x\n# model =${' = '.repeat(N)}\n`],
    ['directives', `# roslint-disable ${', '.repeat(N)}x\n# roslint-disable-next-line ${'a -- '.repeat(N)}\n/ip dns set servers=1.1.1.1 # roslint-ignore: ${' -'.repeat(N)}\n`],
    ['secrets', `/interface wireguard add name=wg1 private-key=${'\\\n  '.repeat(2000)}"${'A'.repeat(N)}\n/interface wireguard add private-key="${'$'.repeat(N)}"\n`],
    ['time values', `/interface wireguard peers add interface=wg1 public-key="x" persistent-keepalive=${'1d'.repeat(N)}x\n/system scheduler add interval=${'1:'.repeat(N)} name=s\n`],
    ['addresses', `/ip address add address=${'1.'.repeat(N)}/24 interface=ether1\n/ipv6 address add address=${':'.repeat(N)}1/64 interface=ether1\n/ip route add dst-address=${'1'.repeat(N)}/${'3'.repeat(N)} gateway=x\n`],
    ['keys', `/interface wireguard peers add interface=wg1 public-key="${'A'.repeat(N)}=" preshared-key="${'='.repeat(N)}" allowed-address=${'10.0.0.0/8,'.repeat(5000)}\n`],
    ['ports and lists', `/ip firewall filter add chain=input protocol=tcp dst-port=${'1-'.repeat(N)}2 src-address-list=${'!'.repeat(N)}x ipsec-policy=${'in,'.repeat(N)}none\n`],
    ['selectors', `/interface set ${'*'.repeat(1)}${'F'.repeat(N)} disabled=yes\n/ip address set ${'1'.repeat(N)} disabled=yes\n/interface set [ find name=${'x'.repeat(N)} ] mtu=1400\n`],
    ['50,000 arguments', `/ip firewall address-list add ${Array.from({ length: N / 2 }, (_, i) => `a${i % 25_000}=${i}`).join(' ')} list=x\n/ip firewall address-list set [ find list=x ] ${'comment=y '.repeat(N / 2)}\n`],
    ['wg-quick', `[${' '.repeat(N)}Interface${' '.repeat(N)}]\nPrivateKey =${' '.repeat(N)}x\nAddress = ${'10.0.0.1/32, '.repeat(N / 10)}\nEndpoint = ${':'.repeat(N)}1\n`, 'wg0.conf'],
  ];
  for (const p of ['(a|a?)+$', '^(a|aa)*$', '(a+)+$', '^(\\w+\\s?)*$', 'a*a*a*b', '.*a.*b.*c', 'a{0,500}a{0,500}a{0,500}b', '(.*){1,32000}[bc]']) {
    cases.push([
      `where ~ "${p}"`,
      `/ip address add address=10.0.0.1/24 comment=${long512} interface=ether1\n/ip address set [ find where comment~"${p.replace(/\$/g, '\\$')}" ] disabled=yes\n`,
    ]);
  }
  for (const [name, text, file] of cases) {
    it(name, () => {
      const { result, ms } = lintAll(text, file);
      expect(internal(result)).toEqual([]);
      expect(ms).toBeLessThan(5000);
    });
  }
});
