/**
 * Networks linted on worker threads (packages/core/src/linter/parallel.ts) give the same output
 * as in one thread, through the built CLI (build first: `npx tsc -b && npm run bundle -w
 * @roslint/cli`; `npm test` does). `ROSLINT_WORKERS=N` forces N workers, 0 none. And a worker
 * that fails turns its files into `roslint/internal-error` results instead of hanging.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '@roslint/rules';
import { Linter, lintManyInWorkers } from '../packages/core/src/index.js';

const BIN = fileURLToPath(new URL('../packages/cli/bin/roslint.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const KEY = 'YNe4ZNhjUOdJhOd5oO1kDRJ0WxC3pRSkJGgc8Ag8qGQ=';

function roslint(args: string[], cwd: string, workers: number) {
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ROSLINT_WORKERS: String(workers) };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('worker threads', () => {
  it.each(['json', 'stylish'])('every fixture as one network: same %s output with 2 workers as in one thread', (format) => {
    const one = roslint(['--format', format, '.'], FIXTURES, 0);
    const two = roslint(['--format', format, '.'], FIXTURES, 2);
    expect(one.stderr).toBe('');
    expect(two.stderr).toBe('');
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
  }, 180_000);

  it('configuration ignores (selected by item, applied in the workers) and per-file rule settings', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'roslint-parallel-'));
    try {
      cpSync(path.join(FIXTURES, 'networks'), path.join(dir, 'networks'), { recursive: true, filter: (f) => !f.endsWith('.expected.json') });
      const config = {
        ignores: [
          { rule: 'topology/endpoint-port-mismatch', interface: 'wg-s2s' },
          { rule: 'wireguard/exposed-secret', files: 'networks/psk*/*.rsc' },
        ],
        overrides: [{ files: 'networks/mtu*/*.rsc', rules: { 'topology/private-key-exposed': 'off' } }],
      };
      writeFileSync(path.join(dir, 'roslint.config.json'), JSON.stringify(config));
      const one = roslint(['--format', 'json', 'networks'], dir, 0);
      const two = roslint(['--format', 'json', 'networks'], dir, 2);
      expect(two.stderr).toBe('');
      expect(two.stdout).toBe(one.stdout);
      const ids = (JSON.parse(two.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).flatMap((f) =>
        f.messages.map((m) => `${path.relative(dir, f.filePath)} ${m.ruleId}`),
      );
      expect(ids.some((id) => id.startsWith('networks/allowed-address-mismatch-endpoint-hidden/siteB.rsc topology/endpoint-port-mismatch'))).toBe(false);
      expect(ids.some((id) => /^networks\/psk[^ ]* wireguard\/exposed-secret/.test(id))).toBe(false);
      expect(ids.some((id) => /^networks\/mtu[^ ]* topology\/private-key-exposed/.test(id))).toBe(false);
      expect(ids.some((id) => id.endsWith('topology/endpoint-port-mismatch'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('a worker that throws, exits or does not load: the files it held get an internal error and are redacted whole; no hang', async () => {
    const file = `/interface wireguard\nadd name=wg1 private-key="${KEY}"\n`;
    const inputs = Array.from({ length: 12 }, (_, i) => ({ file: `r${i}.rsc`, content: file }));
    const linter = new Linter({ rules: builtinRules });
    const expected = linter.lintMany(inputs, {}).map((r) => r.diagnostics);
    const workers = {
      throws: "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom') })",
      exits: "require('node:worker_threads').parentPort.on('message', () => process.exit(3))",
      'fails to load': "throw new Error('cannot load')",
    };
    for (const [what, code] of Object.entries(workers)) {
      const url = new URL(`data:text/javascript,${encodeURIComponent(`import { createRequire } from 'node:module'; const require = createRequire('file:///'); ${code}`)}`);
      const results = await lintManyInWorkers(linter, inputs, {}, { url, count: 2 });
      expect(results.map((r) => r.file), what).toEqual(inputs.map((i) => i.file));
      let failed = 0;
      results.forEach((r, i) => {
        if (r.diagnostics[0]?.ruleId !== 'roslint/internal-error') {
          // Linted by the main thread.
          expect(r.diagnostics, what).toEqual(expected[i]);
          return;
        }
        failed++;
        expect(r.diagnostics.map((d) => d.ruleId), what).toEqual(['roslint/internal-error']);
        expect(r.diagnostics[0]!.message).toMatch(/worker thread linting this file failed/);
        expect(r.secretSpans).toEqual([{ start: 0, end: file.length }]);
      });
      // Each worker is sent its first two files before the main thread starts on its own.
      expect(failed, what).toBeGreaterThanOrEqual(4);
    }
  }, 60_000);
});
