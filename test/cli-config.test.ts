/**
 * Configuration files and the options around them, through `main` in-process: lookup (nearest
 * file walking up, `.roslintrc.json`, `--config`, `--no-config`), `rules`, `overrides`, `extends`,
 * `ignorePatterns`, `networks`, `ignores`; validation errors (exit 2, file + key); the published
 * schema; and `--max-warnings`, `--quiet`, `--no-inline-config`, `--report-unused-directives`,
 * `--print-config`, `--init`, `explain`, `--list-rules`, `--output-file`, `--network-strict`.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { CONFIG_SCHEMA, validateConfig } from '@roslint/core';
import { builtinRules } from '@roslint/rules';
import { main, type CliIo } from '@roslint/cli';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const PEER_KEY = 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=';
/** wireguard/mtu (warning, fixable) on line 2; wireguard/missing-keepalive (info) on line 4. */
const ROUTER = [
  '/interface wireguard',
  'add listen-port=13231 mtu=1500 name=wg1',
  '/interface wireguard peers',
  `add allowed-address=10.0.0.2/32 endpoint-address=198.51.100.2 endpoint-port=13231 interface=wg1 name=branch public-key="${PEER_KEY}"`,
  '/ip address',
  'add address=10.0.0.1/24 interface=wg1',
  '',
].join('\n');

function tree(files: Record<string, string | object>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'roslint-config-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, name)), { recursive: true });
    writeFileSync(path.join(d, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return d;
}

async function run(cwd: string, args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => new TextEncoder().encode(stdin),
    cwd,
    env: {},
    stdoutIsTTY: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** `file:rule` of every finding (JSON output). */
async function findings(cwd: string, args: string[]): Promise<string[]> {
  const r = await run(cwd, ['-f', 'json', ...args]);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).flatMap((f) =>
    f.messages.map((m) => `${path.relative(cwd, f.filePath).split(path.sep).join('/')}:${m.ruleId}`),
  );
}

describe('configuration files', () => {
  it('the nearest roslint.config.json (or .roslintrc.json) applies; --no-config ignores it', async () => {
    const d = tree({
      'roslint.config.json': { rules: { 'wireguard/mtu': 'off' } },
      'sub/.roslintrc.json': { rules: { 'wireguard/missing-keepalive': 'error' } },
      'a.rsc': ROUTER,
      'sub/b.rsc': ROUTER,
    });
    expect(await findings(d, ['a.rsc'])).toEqual(['a.rsc:wireguard/missing-keepalive']);
    // sub/ has its own file: nearest wins (mtu is back on, keepalive is an error).
    const r = await run(d, ['-f', 'gcc', 'sub/b.rsc']);
    expect(r.stdout).toMatch(/sub\/b\.rsc:4:\d+: error: .*\[wireguard\/missing-keepalive\]/);
    expect(r.stdout).toContain('[wireguard/mtu]');
    expect(r.code).toBe(1);
    expect((await findings(d, ['--no-config', 'a.rsc'])).sort()).toEqual(['a.rsc:wireguard/missing-keepalive', 'a.rsc:wireguard/mtu']);
  });

  it('in one run over several directories, each file gets its nearest file (lookups are remembered per directory)', async () => {
    const d = tree({
      'roslint.config.json': { rules: { 'wireguard/mtu': 'off' } },
      'sub/.roslintrc.json': { rules: { 'wireguard/missing-keepalive': 'off' } },
      'a.rsc': ROUTER,
      'sub/b.rsc': ROUTER,
      'sub/deeper/c.rsc': ROUTER,
      'other/d.rsc': ROUTER,
      'other/e.rsc': ROUTER,
    });
    expect((await findings(d, ['sub/deeper/c.rsc', 'a.rsc', 'other/d.rsc', 'sub/b.rsc', 'other/e.rsc'])).sort()).toEqual([
      'a.rsc:wireguard/missing-keepalive',
      'other/d.rsc:wireguard/missing-keepalive',
      'other/e.rsc:wireguard/missing-keepalive',
      'sub/b.rsc:wireguard/mtu',
      'sub/deeper/c.rsc:wireguard/mtu',
    ]);
  });

  it('--config names the file; --rule on the command line beats it', async () => {
    const d = tree({ 'cfg/strict.json': { rules: { 'wireguard/mtu': ['error', {}] } }, 'a.rsc': ROUTER });
    const r = await run(d, ['-f', 'gcc', '--config', 'cfg/strict.json', 'a.rsc']);
    expect(r.stdout).toMatch(/: error: .*\[wireguard\/mtu\]/);
    expect(r.code).toBe(1);
    const r2 = await run(d, ['-f', 'gcc', '--config', 'cfg/strict.json', '--rule', 'wireguard/mtu=info', 'a.rsc']);
    expect(r2.stdout).toMatch(/: note: .*\[wireguard\/mtu\]/);
    expect((await run(d, ['--config', 'missing.json', 'a.rsc'])).code).toBe(2);
  });

  it('overrides apply to matching files; extends layers a base file; routerosVersion is passed on', async () => {
    const d = tree({
      'base.json': { rules: { 'wireguard/missing-keepalive': 'off' }, routerosVersion: '7.19' },
      'roslint.config.json': { extends: './base.json', overrides: [{ files: ['lab/**'], rules: { 'wireguard/mtu': 'off' } }] },
      'a.rsc': ROUTER,
      'lab/b.rsc': ROUTER,
    });
    expect(await findings(d, ['a.rsc', 'lab/b.rsc'])).toEqual(['a.rsc:wireguard/mtu']);
    const printed = JSON.parse((await run(d, ['--print-config', 'lab/b.rsc'])).stdout);
    expect(printed).toMatchObject({ routerosVersion: '7.19', configFile: path.join(d, 'roslint.config.json') });
    expect(printed.rules['wireguard/mtu']).toBe('off');
    expect(printed.rules['wireguard/missing-keepalive']).toBe('off');
    expect(printed.rules['wireguard/invalid-key']).toBe('error');
  });

  it('ignorePatterns skip files found in directories and named explicitly', async () => {
    const d = tree({ 'roslint.config.json': { ignorePatterns: ['backups/', '*.old.rsc'] }, 'a.rsc': ROUTER, 'backups/b.rsc': ROUTER, 'c.old.rsc': ROUTER });
    expect([...new Set((await findings(d, ['.'])).map((f) => f.split(':')[0]))]).toEqual(['a.rsc']);
    expect(await findings(d, ['backups/b.rsc'])).toEqual([]);
  });

  it('ignores accept findings by rule and item selector, and survive a regenerated file', async () => {
    const config = { ignores: [{ files: '*.rsc', rule: 'wireguard/missing-keepalive', 'public-key': PEER_KEY, reason: 'road warrior' }, { rule: 'wireguard/mtu', interface: 'wg1' }] };
    const d = tree({ 'roslint.config.json': config, 'a.rsc': ROUTER });
    expect(await findings(d, ['a.rsc'])).toEqual([]);
    // /export regenerates the file: lines move and comments go; the selectors still match.
    writeFileSync(path.join(d, 'a.rsc'), `# 2024-03-25 05:19:33 by RouterOS 7.19\n/ip address\nadd address=10.0.0.1/24 interface=wg1\n${ROUTER}`);
    expect(await findings(d, ['a.rsc'])).toEqual([]);
    // A selector that names another item does not hide this one.
    writeFileSync(path.join(d, 'roslint.config.json'), JSON.stringify({ ignores: [{ rule: 'wireguard/missing-keepalive', name: 'other-peer' }] }));
    expect(await findings(d, ['a.rsc'])).toContain('a.rsc:wireguard/missing-keepalive');
  });

  it('networks lint named groups separately (cross-router checks only inside a group)', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'roslint-networks-'));
    cpSync(path.join(REPO, 'fixtures/networks/mtu-mismatch-keys'), d, { recursive: true });
    expect(await findings(d, ['office1.rsc', 'office2.rsc'])).toContain('office1.rsc:topology/mtu-mismatch');
    writeFileSync(path.join(d, 'roslint.config.json'), JSON.stringify({ networks: { a: ['office1.rsc'], b: ['office2.rsc'] } }));
    expect(await findings(d, ['office1.rsc', 'office2.rsc'])).not.toContain('office1.rsc:topology/mtu-mismatch');
    writeFileSync(path.join(d, 'roslint.config.json'), JSON.stringify({ networks: { both: ['office*.rsc'] } }));
    expect(await findings(d, ['office1.rsc', 'office2.rsc'])).toContain('office1.rsc:topology/mtu-mismatch');
  });

  it('reports mistakes with the file, the offending key and exit code 2', async () => {
    const cases: [object | string, RegExp][] = [
      [{ rulez: {} }, /roslint\.config\.json: rulez: unknown key "rulez"/],
      [{ rules: { 'wireguard/mtu': 'warnn' } }, /rules\.wireguard\/mtu: "warnn" must be one of "off", "info", "warning", "warn", "error"/],
      [{ rules: { 'wireguard/no-such-rule': 'off' } }, /rules\.wireguard\/no-such-rule: unknown rule/],
      [{ overrides: [{ rules: {} }] }, /overrides\[0\]: is missing the required key "files"/],
      [{ overrides: [{ files: 'x', rules: { 'a/b': 'off' } }] }, /overrides\[0\]\.rules\.a\/b: unknown rule/],
      [{ routerosVersion: 7 }, /routerosVersion: must be a string, got integer/],
      [{ ignores: [{ rule: 'wireguard/mtu', peer: 'x' }] }, /ignores\[0\]\.peer: unknown key "peer"/],
      [{ extends: 'nope.json' }, /extends: "nope\.json" cannot be read/],
      ['{ "rules": ', /\(root\): is not valid JSON/],
    ];
    for (const [config, message] of cases) {
      const d = tree({ 'roslint.config.json': config, 'a.rsc': ROUTER });
      const r = await run(d, ['a.rsc']);
      expect(r.code, JSON.stringify(config)).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr, JSON.stringify(config)).toMatch(message);
      expect(r.stderr).toContain(path.join(d, 'roslint.config.json'));
    }
    const loop = tree({ 'roslint.config.json': { extends: 'b.json' }, 'b.json': { extends: 'roslint.config.json' }, 'a.rsc': ROUTER });
    expect((await run(loop, ['a.rsc'])).stderr).toMatch(/extends: circular extends/);
  });
});

describe('published schema', () => {
  it('schema/roslint.config.schema.json is the schema the loader validates with', () => {
    const published = JSON.parse(readFileSync(path.join(REPO, 'schema/roslint.config.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(CONFIG_SCHEMA)));
  });

  it('ajv and the loader agree on valid and invalid configurations', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(CONFIG_SCHEMA as object);
    const samples: unknown[] = [
      {},
      { rules: { 'wireguard/mtu': 'warn', 'firewall/unreachable-rule': ['error', { x: 1 }], 'a/b': 0 } },
      { overrides: [{ files: '*.rsc', excludedFiles: ['x'], rules: {} }], routerosVersion: '7.19.2' },
      { networks: { a: ['x/*.rsc'] }, ignores: [{ rule: 'wireguard/mtu', name: 'n', 'public-key': 'k', interface: 'i', comment: 'c' }] },
      { extends: ['a.json'], ignorePatterns: ['x/'] },
      { rules: { mtu: 'off' } },
      { rules: { 'a/b': 'loud' } },
      { rules: { 'a/b': [] } },
      { overrides: [{}] },
      { networks: { a: [] } },
      { routerosVersion: 'seven' },
      { ignores: [{ name: 'x' }] },
      [],
      'x',
    ];
    for (const s of samples) expect(validateConfig(s).length === 0, JSON.stringify(s)).toBe(validate(s) === true);
  });

  it('--init writes a starter file that validates and lints; it never overwrites', async () => {
    const d = tree({ 'a.rsc': ROUTER });
    const r = await run(d, ['--init']);
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(path.join(d, 'roslint.config.json'), 'utf8'));
    expect(validateConfig(written)).toEqual([]);
    expect(written.$schema).toMatch(/roslint\.config\.schema\.json$/);
    expect((await run(d, ['a.rsc'])).stderr).toBe('');
    const again = await run(d, ['--init']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });
});

describe('options', () => {
  it('--max-warnings: exit 1 only when warnings exceed the limit', async () => {
    const d = tree({ 'a.rsc': ROUTER });
    expect((await run(d, ['--no-config', 'a.rsc'])).code).toBe(0);
    expect((await run(d, ['--no-config', '--max-warnings', '1', 'a.rsc'])).code).toBe(0);
    const over = await run(d, ['--no-config', '--max-warnings', '0', 'a.rsc']);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('too many warnings (1; --max-warnings is 0)');
    expect((await run(d, ['--max-warnings', 'x', 'a.rsc'])).code).toBe(2);
  });

  it('--quiet reports errors only', async () => {
    const d = tree({ 'a.rsc': `${ROUTER}:put [\n` });
    expect(await findings(d, ['--no-config', '--quiet', 'a.rsc'])).toEqual(['a.rsc:syntax/parse-error']);
  });

  it('--no-inline-config ignores suppression comments; --report-unused-directives makes unused ones errors', async () => {
    const d = tree({ 'a.rsc': `# roslint-disable-file wireguard/mtu\n# roslint-disable-next-line firewall/unreachable-rule\n${ROUTER}` });
    expect(await findings(d, ['--no-config', 'a.rsc'])).toEqual(['a.rsc:roslint/unused-directive', 'a.rsc:wireguard/missing-keepalive']);
    expect((await findings(d, ['--no-config', '--no-inline-config', 'a.rsc'])).sort()).toEqual(['a.rsc:wireguard/missing-keepalive', 'a.rsc:wireguard/mtu']);
    const r = await run(d, ['--no-config', '-f', 'gcc', '--report-unused-directives', 'a.rsc']);
    expect(r.stdout).toMatch(/a\.rsc:2:\d+: error: Unused roslint-disable-next-line/);
    expect(r.code).toBe(1);
  });

  it('--output-file writes the report (no colours) instead of printing it', async () => {
    const d = tree({ 'a.rsc': ROUTER });
    const r = await run(d, ['--no-config', '-f', 'sarif', '-o', 'reports/roslint.sarif', '--color', 'a.rsc']);
    expect(r.stdout).toBe('');
    const log = JSON.parse(readFileSync(path.join(d, 'reports/roslint.sarif'), 'utf8'));
    expect(log.runs[0].results.length).toBe(2);
    await run(d, ['--no-config', '-o', 'out.txt', '--color', 'a.rsc']);
    expect(readFileSync(path.join(d, 'out.txt'), 'utf8')).not.toContain('\u001b[');
  });

  it('explain prints the rule doc; unknown rules exit 2', async () => {
    const r = await run(tmpdir(), ['explain', 'wireguard/mtu']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(REPO, 'rules/wireguard/mtu.md'), 'utf8'));
    const bad = await run(tmpdir(), ['explain', '../../etc/passwd']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown rule');
  });

  it('--list-rules marks fixable rules', async () => {
    const r = await run(tmpdir(), ['--list-rules']);
    for (const rule of builtinRules) {
      const line = r.stdout.split('\n').find((l) => l.startsWith(`${rule.meta.id} `))!;
      expect(line).toContain(rule.meta.defaultSeverity);
      expect(line.includes(' fixable ')).toBe(rule.meta.fixable);
    }
  });

  it('--network-strict turns on topology/unpaired-peer', async () => {
    const d = path.join(REPO, 'fixtures/networks/real-vps-cabin');
    expect((await findings(d, ['--no-config', '.'])).filter((f) => f.endsWith('unpaired-peer'))).toEqual([]);
    expect((await findings(d, ['--no-config', '--network-strict', '.'])).filter((f) => f.endsWith('unpaired-peer')).length).toBeGreaterThan(0);
  });

  it('directories yield wg-quick .conf files only when they have an [Interface] section', async () => {
    const d = tree({
      'server.rsc': ROUTER,
      'clients/alice.conf': `[Interface]\nPrivateKey = YNe4ZNhjUOdJhOd5oO1kDRJ0WxC3pRSkJGgc8Ag8qGQ=\nAddress = 10.0.0.2/32\n\n[Peer]\nPublicKey = ${PEER_KEY}\nEndpoint = 198.51.100.1:13231\nAllowedIPs = 0.0.0.0/0\n`,
      'etc/nginx.conf': 'server { listen 80; }\n',
    });
    const r = await run(d, ['--no-config', '-f', 'json', '.']);
    const files = (JSON.parse(r.stdout) as { filePath: string }[]).map((f) => path.relative(d, f.filePath)).sort();
    expect(files).toEqual(['clients/alice.conf', 'server.rsc']);
    expect(existsSync(path.join(d, 'etc/nginx.conf'))).toBe(true);
  });

  it('a file of a directory that cannot be read is named on stderr (exit 2); the others are linted, in order', async () => {
    const names = Array.from({ length: 70 }, (_, i) => `r${String(i).padStart(2, '0')}.rsc`);
    const d = tree(Object.fromEntries(names.map((n) => [n, ROUTER])));
    symlinkSync(path.join(d, 'missing-target'), path.join(d, 'r33.rsc.tmp'));
    renameSync(path.join(d, 'r33.rsc.tmp'), path.join(d, 'r33.rsc'));
    const r = await run(d, ['--no-config', '-f', 'json', '.']);
    expect(r.stderr).toContain('cannot read "r33.rsc": ENOENT');
    expect(r.code).toBe(2);
    const files = (JSON.parse(r.stdout) as { filePath: string }[]).map((f) => path.relative(d, f.filePath));
    expect(files).toEqual(names.filter((n) => n !== 'r33.rsc'));
  });
});
