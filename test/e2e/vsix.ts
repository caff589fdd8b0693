/** Building the extension's .vsix once per test run (shared by the e2e tests and the screenshot script). */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const VSCODE_PKG = path.join(REPO, 'packages/vscode');

export function vsixPath(): string {
  const { version } = JSON.parse(readFileSync(path.join(VSCODE_PKG, 'package.json'), 'utf8')) as { version: string };
  return path.join(VSCODE_PKG, `roslint-${version}.vsix`);
}

/** `npm run package` (tsc for the server, esbuild bundles, vsce); returns the .vsix path. */
export function buildVsix(): string {
  execFileSync('npm', ['run', 'package'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const vsix = vsixPath();
  if (!existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  return vsix;
}
