/**
 * The CLI bundle's V8 code cache (packages/cli/bin/load-bundle.js, made by scripts/bundle.mjs;
 * build first: `npx tsc -b && npm run bundle -w @roslint/cli`, `npm test` does). The cache only
 * ever changes how fast the CLI starts: with a damaged cache, a cache of another bundle, or one V8
 * rejects, the CLI prints exactly what it prints with a good one. Each case runs a copy of the
 * packed layout (bin/, the bundle and its cache, the schema data) so the real dist/ is untouched.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(REPO, 'packages/cli');
const INPUT = path.join(REPO, 'fixtures/exports/pre710-rb5009-scripts.rsc');
const ARGS = ['--no-config', '--format', 'json', INPUT];

/** Without NODE_OPTIONS: V8 flags there would make V8 reject every cache. */
function node(args: string[], cwd: string, extraEnv: Record<string, string> = {}) {
  const env = { ...process.env, NODE_OPTIONS: undefined, NO_COLOR: '1', FORCE_COLOR: undefined, ROSLINT_WORKERS: undefined, ...extraEnv };
  const r = spawnSync(process.execPath, args, { cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A packed-install layout; `change` edits its bundle and cache before the run. */
function layout(change: (files: { bundle: string; cache: string }) => void = () => {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'roslint-code-cache-'));
  copies.push(root);
  const cli = path.join(root, 'packages/cli');
  mkdirSync(path.join(cli, 'dist'), { recursive: true });
  cpSync(path.join(CLI, 'bin'), path.join(cli, 'bin'), { recursive: true });
  cpSync(path.join(CLI, 'package.json'), path.join(cli, 'package.json'));
  for (const f of ['roslint.bundle.cjs', 'roslint.bundle.cache']) cpSync(path.join(CLI, 'dist', f), path.join(cli, 'dist', f));
  cpSync(path.join(REPO, 'packages/schema/data'), path.join(root, 'packages/schema/data'), { recursive: true });
  change({ bundle: path.join(cli, 'dist/roslint.bundle.cjs'), cache: path.join(cli, 'dist/roslint.bundle.cache') });
  return cli;
}

/** How load-bundle.js treated the cache: 'used', 'rejected' (by V8) or 'none'. */
function cacheOutcome(cli: string, nodeArgs: string[] = []): string {
  const script = "import('./bin/load-bundle.js').then((m) => process.stdout.write(m.loadBundle().cache))";
  return node([...nodeArgs, '-e', script], cli).stdout;
}

function flipBytes(file: string, at: (length: number) => number): void {
  const bytes = readFileSync(file);
  const i = at(bytes.length);
  for (let k = i; k < i + 16; k++) bytes[k] = bytes[k]! ^ 0x5a;
  writeFileSync(file, bytes);
}

describe('the CLI bundle code cache', () => {
  const expected = node([path.join(CLI, 'bin/roslint.js'), ...ARGS], REPO);

  it('the build makes a cache that V8 accepts, and the output is the same with it', () => {
    expect(expected.stderr).toBe('');
    expect(expected.stdout.length).toBeGreaterThan(2);
    expect(cacheOutcome(CLI)).toBe('used');
    const cli = layout();
    expect(cacheOutcome(cli)).toBe('used');
    expect(node([path.join(cli, 'bin/roslint.js'), ...ARGS], REPO)).toEqual(expected);
  });

  it.each([
    ['damaged V8 data (the hash no longer matches)', 'none', ({ cache }: { cache: string }) => flipBytes(cache, (n) => n >> 1)],
    ['a damaged header', 'none', ({ cache }: { cache: string }) => flipBytes(cache, () => 0)],
    ['a truncated file', 'none', ({ cache }: { cache: string }) => writeFileSync(cache, readFileSync(cache).subarray(0, 40))],
    ['an empty file', 'none', ({ cache }: { cache: string }) => writeFileSync(cache, '')],
    ['no cache file', 'none', ({ cache }: { cache: string }) => rmSync(cache)],
    [
      'the cache of another bundle of the same length (V8 alone would accept it)',
      'none',
      ({ bundle }: { bundle: string }) => {
        const text = readFileSync(bundle, 'utf8');
        const other = text.replaceAll('__roslintImportMetaUrl', '__roslintImportMetaUrX');
        expect(other).not.toBe(text);
        expect(other.length).toBe(text.length);
        writeFileSync(bundle, other);
      },
    ],
    [
      'data V8 rejects behind a valid hash',
      'rejected',
      ({ bundle, cache }: { bundle: string; cache: string }) => {
        // Same header layout as load-bundle.js: magic line, SHA-256 of bundle + data, data.
        const magic = readFileSync(cache).subarray(0, 'roslint code cache 1\n'.length);
        const data = Buffer.alloc(4096, 7);
        const hash = createHash('sha256').update(readFileSync(bundle)).update(data).digest();
        writeFileSync(cache, Buffer.concat([magic, hash, data]));
      },
    ],
  ])('%s: the bundle is compiled as usual, same output', (_name, outcome, change) => {
    const cli = layout(change);
    expect(cacheOutcome(cli)).toBe(outcome);
    expect(node([path.join(cli, 'bin/roslint.js'), ...ARGS], REPO)).toEqual(expected);
  });

  it('worker threads load the bundle the same way (bin/bundle-worker.js): same output with a good cache and with a damaged one', () => {
    const network = ['--no-config', '--format', 'json', path.join(REPO, 'fixtures/networks')];
    const withWorkers = (cli: string, workers: string) => node([path.join(cli, 'bin/roslint.js'), ...network], REPO, { ROSLINT_WORKERS: workers });
    const oneThread = withWorkers(CLI, '0');
    expect(oneThread.stderr).toBe('');
    expect(withWorkers(layout(), '1')).toEqual(oneThread);
    expect(withWorkers(layout(({ cache }) => flipBytes(cache, (n) => n >> 1)), '1')).toEqual(oneThread);
  }, 120_000);

  it('a cache made with other V8 flags is rejected by V8: same output', () => {
    const cli = layout();
    expect(cacheOutcome(cli, ['--stack-size=900'])).toBe('rejected');
    expect(node(['--stack-size=900', path.join(cli, 'bin/roslint.js'), ...ARGS], REPO)).toEqual(expected);
  });
});
