/**
 * CI formats on hostile input: messages and paths full of the characters each format must escape
 * (GitHub workflow commands, XML), built directly as lint results so every character is present.
 */
import { describe, expect, it } from 'vitest';
import { SourceText, type Diagnostic } from '@roslint/parser';
import type { LintResult } from '@roslint/core';
import { getFormatter } from '@roslint/cli';

const HOSTILE = '100% done:\r\nline two, "quoted" <tag> & ]]> end\u0001';

function result(file: string, diagnostics: Partial<Diagnostic>[]): LintResult {
  const source = new SourceText('/ip address\nadd address=10.0.0.1/24 interface=ether1\n');
  const range = { start: { line: 1, column: 4, offset: 15 }, end: { line: 1, column: 24, offset: 35 } };
  return {
    file,
    source,
    config: undefined as never,
    secretSpans: [],
    diagnostics: diagnostics.map((d) => ({ ruleId: 'wireguard/mtu', severity: 'error', message: HOSTILE, file, range, ...d }) as Diagnostic),
  };
}

const format = (name: string, results: LintResult[]) => getFormatter(name)!(results, { cwd: '/repo', color: false });

/** The runner's own unescaping (actions/runner ActionCommand.Unescape*). */
function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
function unescapeProperty(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

describe('github format', () => {
  it('escapes %, CR and LF in the message and also : and , in properties; the runner gets the text back', () => {
    const out = format('github', [result('/repo/dir, with: odd%/r.rsc', [{ ruleId: 'wireguard/mtu', message: HOSTILE }])]);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const m = /^::error (.*?)::(.*)$/.exec(lines[0]!);
    expect(m).not.toBeNull();
    const props = Object.fromEntries(m![1]!.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
    expect(unescapeProperty(props.file!)).toBe('dir, with: odd%/r.rsc');
    expect(props.file).toBe('dir%2C with%3A odd%25/r.rsc');
    expect(props).toMatchObject({ line: '2', endLine: '2', col: '5', endColumn: '25', title: 'wireguard/mtu' });
    expect(unescapeData(m![2]!)).toBe(HOSTILE);
    expect(m![2]).toContain('100%25 done:%0D%0Aline two, ');
  });

  it('uses notice for infos and appends related locations to the message', () => {
    const out = format('github', [
      result('/repo/a.rsc', [
        {
          severity: 'info',
          message: 'm',
          related: [{ file: '/repo/b.rsc', message: 'other end', range: { start: { line: 2, column: 0, offset: 0 }, end: { line: 2, column: 1, offset: 1 } } }],
        },
      ]),
    ]);
    expect(out).toBe('::notice file=a.rsc,line=2,endLine=2,col=5,endColumn=25,title=wireguard/mtu::m%0Ab.rsc:3:1: other end\n');
  });
});

describe('XML formats', () => {
  for (const name of ['checkstyle', 'junit']) {
    it(`${name}: escapes markup, keeps CDATA closed and drops characters XML cannot carry`, () => {
      const out = format(name, [result('/repo/a&b<c>.rsc', [{}, { severity: 'warning' }, { severity: 'info' }]), result('/repo/clean.rsc', [])]);
      expect(out).not.toContain('\u0001');
      // Outside CDATA sections no raw markup from the message survives, and no section is left
      // half-open: the `]]>` in the message was split across two sections.
      const outside = out.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
      expect(outside).not.toContain('<tag>');
      expect(outside).not.toContain(']]>');
      expect(outside).not.toContain('<![CDATA[');
      expect(outside).toContain('a&amp;b&lt;c&gt;.rsc');
      // Attributes stay on one line: the message's line break is a character reference.
      for (const line of out.split('\n')) expect(line.split('"').length % 2).toBe(1);
    });
  }

  it('junit: errors and warnings fail, infos pass with system-out, a clean file is one passing case', () => {
    const out = format('junit', [result('/repo/a.rsc', [{}, { severity: 'warning' }, { severity: 'info' }]), result('/repo/clean.rsc', [])]);
    expect(out.match(/<failure /g)).toHaveLength(2);
    expect(out.match(/<system-out>/g)).toHaveLength(1);
    expect(out).toContain('tests="3" failures="2"');
    expect(out).toMatch(/<testsuite [^>]*tests="1" failures="0"[^>]*name="\/repo\/clean.rsc">\n\s*<testcase time="0" name="clean.rsc"/);
  });

  it('gcc: one line per finding, related locations as notes', () => {
    const out = format('gcc', [result('a.rsc', [{ severity: 'info', message: 'x\ny' }])]);
    expect(out).toBe('a.rsc:2:5: note: x y [wireguard/mtu]\n');
  });
});
