/**
 * action.yml and .pre-commit-hooks.yaml point at things that exist and ask for what CI needs.
 * (The hook itself runs end to end in precommit.test.ts.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const read = (f: string) => readFileSync(`${REPO}/${f}`, 'utf8');

describe('GitHub Action', () => {
  const action = read('action.yml');
  it('is a composite action: setup-node, npm ci, roslint writing SARIF to the declared output', () => {
    expect(action).toMatch(/^runs:\n {2}using: composite$/m);
    expect(action).toContain('uses: actions/setup-node@v4');
    expect(action).toContain('run: npm ci');
    const bin = /ROSLINT: \$\{\{ github\.action_path \}\}\/(\S+)/.exec(action)?.[1];
    expect(bin).toBe('packages/cli/bin/roslint.js');
    expect(existsSync(`${REPO}/${bin}`)).toBe(true);
    expect(action).toContain('--format sarif --output-file "$INPUT_SARIF"');
    expect(action).toMatch(/sarif-file:\n\s+description: Path of the SARIF report\.\n\s+value: \$\{\{ inputs\.sarif-file \}\}/);
  });
});

describe('pre-commit hook definition', () => {
  it('declares the roslint hook: node, .rsc files, serial', () => {
    const hooks = read('.pre-commit-hooks.yaml');
    expect(hooks).toMatch(/^- id: roslint$/m);
    expect(hooks).toMatch(/^ {2}language: node$/m);
    expect(hooks).toMatch(/^ {2}files: \\\.rsc\$$/m);
    expect(hooks).toMatch(/^ {2}require_serial: true$/m);
    expect(hooks).toMatch(/^ {2}entry: roslint$/m);
    const pkg = JSON.parse(read('package.json'));
    // pre-commit installs the npm-packed repository globally: its bin must be the CLI and be packed.
    expect(pkg.bin.roslint).toBe('packages/cli/bin/roslint.js');
    expect(pkg.files).toEqual(expect.arrayContaining(['packages/cli/bin/', 'packages/cli/dist/roslint.bundle.cjs', 'packages/cli/dist/roslint.bundle.cache', 'packages/schema/data/']));
    expect(pkg.scripts.prepare).toBeUndefined();
  });
});
