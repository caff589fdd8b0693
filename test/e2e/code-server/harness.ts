/** Runs run.sh (code-server + headless Chromium) on a free port; code-server is installed once into node_modules/.cache. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const HARNESS_DIR = path.resolve(HERE, '../../../node_modules/.cache/roslint-vscode-e2e');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function runInCodeServer(o: { vsix: string; workspace: string; file: string; screenshot: string; expected: string[]; status?: string }): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const args = [path.join(HERE, 'run.sh'), HARNESS_DIR, o.vsix, o.workspace, o.file, String(port), o.screenshot, JSON.stringify(o.expected)];
  return new Promise((resolve) => {
    const child = spawn('bash', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, STATUS: o.status ?? '' } });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}
