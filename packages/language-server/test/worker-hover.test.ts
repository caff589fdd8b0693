/**
 * Hover on a document linted in the worker is answered from the worker's model: the same answers
 * as a server that lints on its own thread (built server over stdio; `npx tsc -b` first).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startClient, uriOf } from '../../../test/e2e/lsp-client.js';

const FILE = fileURLToPath(new URL('../../../fixtures/exports/home-router-wg-server.rsc', import.meta.url));

async function hovers(env: Record<string, string>): Promise<unknown[]> {
  const client = await startClient({ env });
  try {
    const text = readFileSync(FILE, 'utf8');
    const uri = uriOf(FILE);
    client.open(uri, text);
    await client.waitForDiagnostics(uri, () => true, 60_000);
    const lines = text.split('\n');
    const out: unknown[] = [];
    for (let line = 0; line < lines.length; line += 3) {
      for (const character of [1, 6, 14, 30]) {
        if (character < lines[line]!.length) out.push(await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } }));
      }
    }
    return out;
  } finally {
    await client.stop();
  }
}

describe('hover from the worker', { timeout: 120_000 }, () => {
  it('answers like the request thread does', async () => {
    const inWorker = await hovers({ ROSLINT_LS_WORKER_MIN_CHARS: '0' });
    const here = await hovers({ ROSLINT_LS_WORKER_MIN_CHARS: '100000000' });
    expect(inWorker.filter((h) => h !== null).length).toBeGreaterThan(10);
    expect(inWorker).toEqual(here);
  });
});
