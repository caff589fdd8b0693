/**
 * End-to-end: spawns the built `roslint` binary (build first: `npx tsc -b`; `npm test` does).
 * Output details of each format are checked in cli-format.test.ts; here: the process, files,
 * stdin, exit codes, colours and that secrets never reach any output.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '@roslint/rules';

const BIN = fileURLToPath(new URL('../packages/cli/bin/roslint.js', import.meta.url));
const KEY = 'YNe4ZNhjUOdJhOd5oO1kDRJ0WxC3pRSkJGgc8Ag8qGQ=';
const PSK = 'cGFzc3dvcmRwYXNzd29yZHBhc3N3b3JkcGFzc3dvcmQ=';

const CLEAN = '/ip address\nadd address=192.168.88.1/24 interface=ether2 network=192.168.88.0\n';
/** Unbalanced braces: a syntax error whatever the rules say. */
const BROKEN = ':if (true) do={\n  :put "never closed"\n';
const WITH_SECRETS = [
  '/interface wireguard',
  `add listen-port=13231 mtu=1420 name=wg1 private-key="${KEY}"`,
  '/interface wireguard peers',
  `add allowed-address=10.0.0.2/32 interface=wg1 preshared-key="${PSK}" public-key="not-a-valid-key"`,
  `:if (true) do={ /interface wireguard set wg1 private-key="${KEY}" `,
  '',
].join('\n');

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'roslint-e2e-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function roslint(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? tmpdir(), input: opts.input ?? '', env: env as NodeJS.ProcessEnv, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const filePaths = (stdout: string, cwd: string) => (JSON.parse(stdout) as { filePath: string }[]).map((r) => path.relative(cwd, r.filePath));

// Each case spawns node several times; give slow CI machines room.
describe('roslint (built binary)', { timeout: 120_000 }, () => {
  it('prints its version and help', () => {
    const v = roslint(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = roslint(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--format');
    expect(h.stdout).toContain('--stdin-filename');
  });

  it('lists the built-in rules', () => {
    const r = roslint(['--list-rules']);
    expect(r.code).toBe(0);
    for (const rule of builtinRules) expect(r.stdout).toContain(rule.meta.id);
  });

  it('exits 0 on a clean file and 1 when errors are found (syntax errors count)', () => {
    const dir = tree({ 'clean.rsc': CLEAN, 'broken.rsc': BROKEN });
    expect(roslint(['clean.rsc'], { cwd: dir })).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const broken = roslint(['-f', 'json', 'broken.rsc'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)[0].errorCount).toBeGreaterThan(0);
  });

  it('exits 2 with one line on stderr for usage errors, unknown rules and missing files', () => {
    for (const args of [['--no-such-flag'], ['--rule', 'no/such-rule=off', 'x.rsc'], ['--rule', 'oops'], ['missing.rsc'], ['nothing-*.rsc']]) {
      const r = roslint(args, { cwd: tree({ 'x.rsc': CLEAN }) });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('searches directories recursively for .rsc, skipping node_modules and dot-directories', () => {
    const dir = tree({
      'a.rsc': CLEAN,
      'sub/deeper/b.rsc': CLEAN,
      'notes.txt': 'not a script',
      'node_modules/pkg/c.rsc': BROKEN,
      '.git/d.rsc': BROKEN,
    });
    const r = roslint(['-f', 'json', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(filePaths(r.stdout, dir)).toEqual(['a.rsc', path.join('sub', 'deeper', 'b.rsc')]);
    const noArgs = roslint(['-f', 'json'], { cwd: dir });
    expect(filePaths(noArgs.stdout, dir)).toEqual(['a.rsc', path.join('sub', 'deeper', 'b.rsc')]);
  });

  it('expands globs', () => {
    const dir = tree({ 'site/a.rsc': CLEAN, 'site/b.rsc': CLEAN, 'site/c.backup': CLEAN, 'other/d.rsc': CLEAN });
    const r = roslint(['-f', 'json', 'site/*.rsc'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(filePaths(r.stdout, dir)).toEqual([path.join('site', 'a.rsc'), path.join('site', 'b.rsc')]);
  });

  it('reports an unreadable file with exit 2 and still lints the others', () => {
    const dir = tree({ 'good.rsc': BROKEN });
    symlinkSync(path.join(dir, 'does-not-exist'), path.join(dir, 'dangling.rsc'));
    const r = roslint(['-f', 'json', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dangling.rsc');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(filePaths(r.stdout, dir)).toEqual(['good.rsc']);
  });

  it('reads standard input with "-" and with --stdin --stdin-filename', () => {
    const dash = roslint(['-f', 'json', '-'], { input: BROKEN });
    expect(dash.code).toBe(1);
    expect(JSON.parse(dash.stdout)[0].filePath).toBe('<stdin>');
    const named = roslint(['--stdin', '--stdin-filename', 'edge.rsc'], { input: BROKEN });
    expect(named.code).toBe(1);
    expect(named.stdout.split('\n')[0]).toBe('edge.rsc');
    expect(roslint(['--stdin'], { input: CLEAN }).code).toBe(0);
  });

  it('colours only when asked: FORCE_COLOR colours, NO_COLOR wins over it, pipes stay plain', () => {
    const ansi = /\u001b\[/;
    expect(roslint(['-'], { input: BROKEN }).stdout).not.toMatch(ansi);
    expect(roslint(['-'], { input: BROKEN, env: { FORCE_COLOR: '1' } }).stdout).toMatch(ansi);
    expect(roslint(['-'], { input: BROKEN, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(ansi);
  });

  it('--rule switches a diagnostic off and changes the exit code', () => {
    const json = roslint(['-f', 'json', '-'], { input: BROKEN });
    const ids: string[] = [...new Set<string>(JSON.parse(json.stdout)[0].messages.filter((m: { severity: number }) => m.severity === 2).map((m: { ruleId: string }) => m.ruleId))];
    expect(ids.length).toBeGreaterThan(0);
    const off = roslint(['-f', 'json', ...ids.flatMap((id) => ['--rule', `${id}=warning`]), '-'], { input: BROKEN });
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout)[0].errorCount).toBe(0);
  });

  it('never prints a private or preshared key, in any format, with or without colours', () => {
    const dir = tree({ 'router.rsc': WITH_SECRETS, 'broken.rsc': `/interface wireguard add private-key="${KEY}" ((( \\\n` });
    let printedSomething = false;
    for (const args of [['router.rsc'], ['-f', 'json', 'router.rsc'], ['router.rsc', 'broken.rsc'], ['-f', 'json', '.'], ['--color', '.'], ['--list-rules']]) {
      const r = roslint(args, { cwd: dir });
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain(KEY);
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain(PSK);
      if (r.stdout.includes('<redacted>')) printedSomething = true;
    }
    const piped = roslint(['-f', 'json', '-'], { input: WITH_SECRETS });
    expect(piped.stdout).not.toContain(KEY);
    // The code frames did show the lines holding the keys, redacted.
    expect(printedSomething).toBe(true);
  });
});
