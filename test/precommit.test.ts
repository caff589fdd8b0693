/**
 * End-to-end: the real `pre-commit` program runs the hook this repository publishes
 * (.pre-commit-hooks.yaml, `language: node`). A temporary git repository's
 * .pre-commit-config.yaml points at this repository (local path, current HEAD commit); pre-commit
 * clones it at that commit, installs it with npm (prepare builds the bundled CLI) and runs
 * `roslint` on the staged .rsc files. A commit of a broken file is refused with roslint's
 * message; after fixing the file the commit goes through.
 *
 * Needs `pre-commit` (Debian package; .ci/setup.d/30-precommit.sh installs it) and tests the
 * committed HEAD, so commit before running it. PRE_COMMIT_HOME is shared across runs in the temp
 * directory, keyed by commit by pre-commit itself, so a second run skips the install.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
// On CI the tool must be there (the setup script installs it): never skip there.
const skip = !hasPreCommit && !process.env.CI;

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'roslint test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'roslint test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, ...env }, timeout: 540_000 });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

const CLEAN = '/ip address\nadd address=192.168.88.1/24 interface=ether2 network=192.168.88.0\n';
const BROKEN = '/ip address\nadd address=192.168.88.1/24 interface=ether2 network=192.168.88.0\n:put [/system identity get name\n';

describe.skipIf(skip)('pre-commit hook (real pre-commit, this repository at HEAD)', () => {
  it('refuses a commit with a broken .rsc and accepts it once fixed', { timeout: 600_000 }, () => {
    const head = sh('git', ['rev-parse', 'HEAD'], REPO);
    expect(head.code, head.out).toBe(0);
    const rev = head.out.trim();
    const home = path.join(tmpdir(), 'roslint-pre-commit-home');
    const repo = mkdtempSync(path.join(tmpdir(), 'roslint-precommit-'));
    const env = { PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never' };

    expect(sh('git', ['init', '-q', '-b', 'main'], repo).code).toBe(0);
    writeFileSync(
      path.join(repo, '.pre-commit-config.yaml'),
      ['repos:', `  - repo: ${JSON.stringify(REPO)}`, `    rev: ${rev}`, '    hooks:', '      - id: roslint', ''].join('\n'),
    );
    const install = sh('pre-commit', ['install'], repo, env);
    expect(install.code, install.out).toBe(0);

    writeFileSync(path.join(repo, 'router.rsc'), BROKEN);
    expect(sh('git', ['add', '.'], repo).code).toBe(0);
    const refused = sh('git', ['commit', '-q', '-m', 'broken router'], repo, env);
    expect(refused.code, refused.out).not.toBe(0);
    expect(refused.out).toMatch(/roslint\.+Failed/);
    expect(refused.out).toContain('router.rsc');
    expect(refused.out).toContain('syntax/parse-error');
    expect(sh('git', ['rev-parse', '--verify', '-q', 'HEAD'], repo).code).not.toBe(0);

    writeFileSync(path.join(repo, 'router.rsc'), CLEAN);
    expect(sh('git', ['add', '.'], repo).code).toBe(0);
    const accepted = sh('git', ['commit', '-q', '-m', 'fixed router'], repo, env);
    expect(accepted.code, accepted.out).toBe(0);
    expect(accepted.out).toMatch(/roslint\.+Passed/);
    expect(sh('git', ['log', '--oneline'], repo).out).toContain('fixed router');
  });
});
