/**
 * The CLI run in-process with small test rules (so formats and exit codes are checked exactly,
 * whatever the built-in rules currently report). End-to-end runs of the built binary live in
 * cli.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RouterRule, Severity } from '@roslint/core';
import { main, type CliIo } from '@roslint/cli';

const KEY = 'YNe4ZNhjUOdJhOd5oO1kDRJ0WxC3pRSkJGgc8Ag8qGQ=';

function wordRule(id: string, word: string, severity: Severity, message = `found ${word}`): RouterRule {
  return {
    meta: { id, defaultSeverity: severity, summary: `Finds ${word}.`, fixable: false, scope: 'router' },
    check(ctx) {
      const text = ctx.config.source.text;
      for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
        ctx.report({ span: { start: i, end: i + word.length }, message });
      }
    },
  };
}

const rules = [wordRule('test/bad', 'bad', 'error'), wordRule('test/meh', 'meh', 'warning'), wordRule('test/fyi', 'fyi', 'info'), wordRule('test/key', 'private-key', 'warning', 'key in file')];

async function run(argv: string[], files: Record<string, string>, env: Record<string, string> = {}, tty = false) {
  const cwd = mkdtempSync(path.join(tmpdir(), 'roslint-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(cwd, name), text);
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => new TextEncoder().encode(files['<stdin>'] ?? ''),
    cwd,
    env,
    stdoutIsTTY: tty,
  };
  const code = await main(argv, io, rules);
  return { code, stdout, stderr, cwd };
}

describe('stylish format', () => {
  it('groups by file, aligns rows, underlines the range and ends with a summary', async () => {
    const r = await run(['a.rsc'], { 'a.rsc': 'add comment=bad\n\tmeh fyi\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'a.rsc',
        '  1:13  error    found bad  test/bad',
        '    1 | add comment=bad',
        '      |             ^^^',
        '  2:2   warning  found meh  test/meh',
        '    2 |  meh fyi',
        '      |  ^^^',
        '  2:6   info     found fyi  test/fyi',
        '    2 |  meh fyi',
        '      |      ^^^',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
  });

  it('lists related locations under the code frame', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'roslint-cli-'));
    writeFileSync(path.join(cwd, 'a.rsc'), 'one\ntwo');
    let stdout = '';
    const related: RouterRule = {
      meta: { id: 'test/related', defaultSeverity: 'warning', summary: '', fixable: false, scope: 'router' },
      check: (ctx) => ctx.report({ span: { start: 4, end: 7 }, message: 'two after one', related: [{ span: { start: 0, end: 3 }, message: 'one is here' }] }),
    };
    await main(['a.rsc'], { stdout: (t) => void (stdout += t), stderr: () => {}, readStdin: async () => new Uint8Array(), cwd, env: {}, stdoutIsTTY: false }, [related]);
    expect(stdout.split('\n').slice(1, 5)).toEqual(['  2:1  warning  two after one  test/related', '    2 | two', '      | ^^^', '    ↳ 1:1 one is here']);
  });

  it('prints nothing and exits 0 when there is nothing to report', async () => {
    const r = await run(['a.rsc'], { 'a.rsc': 'add name=ok\n' });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 0 on warnings and infos only', async () => {
    expect((await run(['a.rsc'], { 'a.rsc': 'meh fyi' })).code).toBe(0);
  });

  it('shows secret values as <redacted> in code frames and keeps the underline on the right text', async () => {
    const r = await run(['a.rsc'], { 'a.rsc': `add private-key="${KEY}" comment=bad\n` });
    expect(r.stdout).not.toContain(KEY);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('test/bad'));
    expect(lines[at + 1]).toBe('    1 | add private-key=<redacted> comment=bad');
    expect(lines[at + 2]).toBe('      |                                    ^^^');
  });

  it('uses colours on a TTY, and not with NO_COLOR or when piped; --color/--no-color decide explicitly', async () => {
    const files = { 'a.rsc': 'bad' };
    const ansi = /\u001b\[/;
    expect((await run(['a.rsc'], files, {}, true)).stdout).toMatch(ansi);
    expect((await run(['a.rsc'], files, { NO_COLOR: '1' }, true)).stdout).not.toMatch(ansi);
    expect((await run(['a.rsc'], files, {}, false)).stdout).not.toMatch(ansi);
    expect((await run(['a.rsc'], files, { FORCE_COLOR: '1' }, false)).stdout).toMatch(ansi);
    expect((await run(['--color', 'a.rsc'], files, { NO_COLOR: '1' }, false)).stdout).toMatch(ansi);
    expect((await run(['--no-color', 'a.rsc'], files, {}, true)).stdout).not.toMatch(ansi);
  });
});

describe('json format', () => {
  it('is ESLint-compatible: 1-based positions, severity 2/1, info kept as level', async () => {
    const r = await run(['-f', 'json', 'a.rsc', 'b.rsc'], { 'a.rsc': 'x bad\nfyi', 'b.rsc': 'ok' });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual([
      {
        filePath: path.join(r.cwd, 'a.rsc'),
        messages: [
          { ruleId: 'test/bad', severity: 2, level: 'error', message: 'found bad', line: 1, column: 3, endLine: 1, endColumn: 6 },
          { ruleId: 'test/fyi', severity: 1, level: 'info', message: 'found fyi', line: 2, column: 1, endLine: 2, endColumn: 4 },
        ],
        errorCount: 1,
        fatalErrorCount: 0,
        warningCount: 0,
        infoCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
      },
      { filePath: path.join(r.cwd, 'b.rsc'), messages: [], errorCount: 0, fatalErrorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 },
    ]);
  });

  it('never includes a secret', async () => {
    const r = await run(['--format', 'json', 'a.rsc'], { 'a.rsc': `add private-key=${KEY} preshared-key="${KEY}"` });
    expect(JSON.parse(r.stdout)[0].messages.length).toBe(1);
    expect(r.stdout).not.toContain(KEY);
  });
});

describe('options', () => {
  it('--rule changes severities (errors can become warnings, rules can be switched off)', async () => {
    const files = { 'a.rsc': 'bad meh' };
    const down = await run(['-f', 'json', '--rule', 'test/bad=warning', '--rule', 'test/meh=off', 'a.rsc'], files);
    expect(down.code).toBe(0);
    expect(JSON.parse(down.stdout)[0].messages.map((m: { ruleId: string; severity: number }) => [m.ruleId, m.severity])).toEqual([['test/bad', 1]]);
    const up = await run(['--rule', 'test/meh=error', 'a.rsc'], { 'a.rsc': 'meh' });
    expect(up.code).toBe(1);
  });

  it('rejects unknown rules and levels with exit 2 and one line on stderr', async () => {
    for (const argv of [['--rule', 'test/nope=off'], ['--rule', 'test/bad=loud'], ['--rule', 'test/bad'], ['--format', 'xml'], ['--routeros-version', 'seven'], ['--frobnicate']]) {
      const r = await run([...argv, 'a.rsc'], { 'a.rsc': 'bad' });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('accepts rule ids of parser and model diagnostics in --rule', async () => {
    expect((await run(['--rule', 'syntax/unexpected-token=off', 'a.rsc'], { 'a.rsc': 'ok' })).code).toBe(0);
  });

  it('--list-rules lists id, default severity, fixability and summary', async () => {
    const r = await run(['--list-rules'], {});
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toContain('test/bad  error    ' + '       ' + '  Finds bad.');
    expect(r.stdout.trim().split('\n')).toHaveLength(rules.length);
  });

  it('reads standard input with a display name', async () => {
    const r = await run(['-f', 'json', '--stdin', '--stdin-filename', 'router.rsc'], { '<stdin>': 'bad' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].filePath).toBe(path.join(r.cwd, 'router.rsc'));
    const dash = await run(['-'], { '<stdin>': 'meh' });
    expect(dash.stdout.split('\n')[0]).toBe('<stdin>');
  });

  it('a crashing rule makes the run exit 2 (the result cannot be trusted)', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'roslint-cli-'));
    writeFileSync(path.join(cwd, 'a.rsc'), 'x');
    let stdout = '';
    const boom: RouterRule = { meta: { id: 'test/boom', defaultSeverity: 'warning', summary: '', fixable: false, scope: 'router' }, check: () => { throw new Error('oops'); } };
    const code = await main(['a.rsc'], { stdout: (t) => void (stdout += t), stderr: () => {}, readStdin: async () => new Uint8Array(), cwd, env: {}, stdoutIsTTY: false }, [boom]);
    expect(code).toBe(2);
    expect(stdout).toContain('roslint/internal-error');
    expect(stdout).toContain('test/boom');
  });
});
