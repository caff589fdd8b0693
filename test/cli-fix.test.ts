/**
 * `--fix` and `--fix-dry-run`: fixes written atomically with the file's own line endings, encoding,
 * BOM and final newline; a second run changes nothing; fixes touching lines with syntax errors
 * are refused; the dry run prints a unified diff with secrets redacted and writes nothing.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '@roslint/cli';

const KEY = 'YNe4ZNhjUOdJhOd5oO1kDRJ0WxC3pRSkJGgc8Ag8qGQ=';
const PEER = 'add allowed-address=10.0.0.2/32 endpoint-address=198.51.100.2 endpoint-port=13231 interface=wg1 public-key="Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=" persistent-keepalive=25s';
/** mtu=1500 over a 1500 underlay: wireguard/mtu offers mtu=1440. */
const MTU_LINES = ['/interface wireguard', `add listen-port=13231 mtu=1500 name=wg1 private-key="${KEY}"`, '/interface wireguard peers', PEER];
/** A drop before the WireGuard accept: firewall/wireguard-input-blocked inserts a line. */
const FIREWALL_LINES = [
  '/interface wireguard',
  'add listen-port=13231 mtu=1420 name=wg1',
  '/interface wireguard peers',
  PEER,
  '/ip firewall filter',
  'add action=drop chain=input comment="drop all"',
];

function dir(files: Record<string, string | Uint8Array>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'roslint-fix-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(d, name), content);
  return d;
}

async function run(cwd: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => new Uint8Array(), cwd, env: {}, stdoutIsTTY: false };
  const code = await main(['--no-config', ...args], io);
  return { code, stdout, stderr };
}

describe('--fix', () => {
  it('fixes an LF file, keeps the rest byte for byte, and a second run changes nothing', async () => {
    const original = `${MTU_LINES.join('\n')}\n`;
    const d = dir({ 'r.rsc': original });
    const first = await run(d, ['--fix', 'r.rsc']);
    const fixed = readFileSync(path.join(d, 'r.rsc'), 'utf8');
    expect(fixed).toBe(original.replace('mtu=1500', 'mtu=1440'));
    expect(first.stdout).not.toContain('wireguard/mtu');
    const second = await run(d, ['--fix', 'r.rsc']);
    expect(readFileSync(path.join(d, 'r.rsc'), 'utf8')).toBe(fixed);
    expect(second.stdout).toBe(first.stdout);
    // Atomic write: no temporary file left behind.
    expect(readdirSync(d)).toEqual(['r.rsc']);
  });

  it('keeps CRLF line endings (inserted lines too), no final newline, the BOM and the file mode', async () => {
    const original = `\uFEFF${FIREWALL_LINES.join('\r\n')}`;
    const d = dir({ 'r.rsc': original });
    chmodSync(path.join(d, 'r.rsc'), 0o640);
    const r = await run(d, ['--fix', 'r.rsc']);
    expect(r.stderr).toBe('');
    const fixed = readFileSync(path.join(d, 'r.rsc'), 'utf8');
    expect(fixed).not.toBe(original);
    expect(fixed.startsWith('\uFEFF')).toBe(true);
    expect(fixed.split('\r\n').length).toBe(FIREWALL_LINES.length + 1);
    expect(fixed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(fixed.endsWith('comment="drop all"')).toBe(true);
    expect(fixed).toMatch(/\/ip firewall filter\r\nadd action=accept chain=input[^\r\n]*dst-port=13231[^\r\n]*\r\nadd action=drop/);
    expect(statSync(path.join(d, 'r.rsc')).mode & 0o777).toBe(0o640);
    expect((await run(d, ['--fix', 'r.rsc'])).stderr).toBe('');
    expect(readFileSync(path.join(d, 'r.rsc'), 'utf8')).toBe(fixed);
  });

  it('keeps a Windows-1252 file in Windows-1252', async () => {
    const text = `# caf\u00e9 \u20ac\n${MTU_LINES.join('\n')}\n`;
    const bytes = Uint8Array.from([...text].map((c) => (c === '\u20ac' ? 0x80 : c.charCodeAt(0))));
    const d = dir({ 'r.rsc': bytes });
    await run(d, ['--fix', 'r.rsc']);
    const out = readFileSync(path.join(d, 'r.rsc'));
    expect(out[5]).toBe(0xe9);
    expect(out[7]).toBe(0x80);
    expect(out.toString('latin1')).toContain('mtu=1440');
  });

  it('refuses a fix whose lines hold a syntax error and leaves the file untouched', async () => {
    const original = `${['/interface wireguard', 'add listen-port=13231 mtu=1500 name=wg1 ]', '/interface wireguard peers', PEER].join('\n')}\n`;
    const d = dir({ 'r.rsc': original });
    const r = await run(d, ['--fix', '-f', 'gcc', 'r.rsc']);
    expect(readFileSync(path.join(d, 'r.rsc'), 'utf8')).toBe(original);
    expect(r.stderr).toContain('not fixed (wireguard/mtu): a syntax error is in the lines the fix would edit');
    expect(r.stdout).toContain('[wireguard/mtu]');
    expect(r.code).toBe(1);
  });

  it('fixes several files of one network in one run', async () => {
    const d = dir({ 'a.rsc': `${MTU_LINES.join('\n')}\n`, 'b.rsc': `${FIREWALL_LINES.join('\n')}\n` });
    await run(d, ['--fix', '.']);
    expect(readFileSync(path.join(d, 'a.rsc'), 'utf8')).toContain('mtu=1440');
    expect(readFileSync(path.join(d, 'b.rsc'), 'utf8')).toMatch(/add action=accept chain=input/);
  });
});

describe('--fix-dry-run', () => {
  it('prints a unified diff, writes nothing and never shows a key', async () => {
    const original = `${MTU_LINES.join('\n')}\n`;
    const d = dir({ 'r.rsc': original });
    const r = await run(d, ['--fix-dry-run', 'r.rsc']);
    expect(readFileSync(path.join(d, 'r.rsc'), 'utf8')).toBe(original);
    expect(r.stdout).toContain(
      [
        '--- a/r.rsc',
        '+++ b/r.rsc',
        '@@ -1,4 +1,4 @@',
        ' /interface wireguard',
        '-add listen-port=13231 mtu=1500 name=wg1 private-key=<redacted>',
        '+add listen-port=13231 mtu=1440 name=wg1 private-key=<redacted>',
        ' /interface wireguard peers',
      ].join('\n'),
    );
    expect(r.stdout).not.toContain(KEY);
    expect(r.stdout).not.toContain(KEY.slice(0, 20));
  });

  it('cannot be combined with --fix, and --fix refuses standard input', async () => {
    const d = dir({});
    expect((await run(d, ['--fix', '--fix-dry-run', 'x.rsc'])).code).toBe(2);
    expect((await run(d, ['--fix', '--stdin'])).code).toBe(2);
  });
});
