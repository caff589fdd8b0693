// `npm run e2e:vscode`: package the extension, open a broken site-to-site pair in code-server and
// save the screenshot the README shows (docs/vscode.png).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
execFileSync('npm', ['run', 'package', '-w', 'packages/vscode'], { cwd: repo, stdio: 'inherit' });
const { version } = JSON.parse((await import('node:fs')).readFileSync(path.join(repo, 'packages/vscode/package.json'), 'utf8'));
const vsix = path.join(repo, 'packages/vscode', `roslint-${version}.vsix`);

const ws = path.join(mkdtempSync(path.join(tmpdir(), 'roslint-shot-')), 'site-to-site');
mkdirSync(ws);
for (const f of ['office-a.rsc', 'office-b.rsc']) copyFileSync(path.join(here, 'fixtures/site-to-site', f), path.join(ws, f));
const port = await new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const p = srv.address().port;
    srv.close(() => resolve(p));
  });
});
const shot = path.join(path.dirname(ws), 'vscode.png');
const r = spawnSync('bash', [path.join(here, 'code-server/run.sh'), path.join(repo, 'node_modules/.cache/roslint-vscode-e2e'), vsix, ws, 'office-a.rsc', String(port), shot, JSON.stringify(['has host bits set', 'topology/psk-mismatch', 'office-b.rsc'])], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
mkdirSync(path.join(repo, 'docs'), { recursive: true });
copyFileSync(shot, path.join(repo, 'docs/vscode.png'));
console.log('wrote docs/vscode.png');
