/**
 * Requests on documents linted in the worker (hover, definition, references, completion, code
 * actions) are answered from the worker's model: the same answers as a server that lints on its
 * own thread (built server over stdio; `npx tsc -b` first). ROSLINT_LS_WORKER_MIN_CHARS=0 sends
 * every lint to the worker.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startClient, uriOf } from '../../../test/e2e/lsp-client.js';

const FILE = fileURLToPath(new URL('../../../fixtures/exports/home-router-wg-server.rsc', import.meta.url));
const PAIR = fileURLToPath(new URL('../../../test/e2e/fixtures/site-to-site/', import.meta.url));
const IN_WORKER = { ROSLINT_LS_WORKER_MIN_CHARS: '0' };
const HERE = { ROSLINT_LS_WORKER_MIN_CHARS: '100000000' };

type Client = Awaited<ReturnType<typeof startClient>>;

/** Every model request at positions all over `file` (every 3rd line, a few columns each). */
async function ask(client: Client, file: string): Promise<unknown[]> {
  const text = readFileSync(file, 'utf8');
  const uri = uriOf(file);
  const lines = text.split('\n');
  const out: unknown[] = [];
  const diagnostics = client.diagnostics.get(uri)?.diagnostics ?? [];
  for (let line = 0; line < lines.length; line += 3) {
    for (const character of [1, 6, 14, 30]) {
      if (character >= lines[line]!.length) continue;
      const at = { textDocument: { uri }, position: { line, character } };
      out.push(
        await Promise.all([
          client.request('textDocument/hover', at),
          client.request('textDocument/definition', at),
          client.request('textDocument/references', { ...at, context: { includeDeclaration: true } }),
          client.request('textDocument/references', { ...at, context: { includeDeclaration: false } }),
          client.request('textDocument/completion', at),
        ]),
      );
    }
    const range = { start: { line, character: 0 }, end: { line, character: lines[line]!.length } };
    out.push(await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } }));
  }
  return out;
}

async function answers(env: Record<string, string>, files: string[], rootDir?: string): Promise<unknown[]> {
  const client = await startClient({ env, rootDir });
  try {
    for (const file of files) {
      client.open(uriOf(file), readFileSync(file, 'utf8'));
      await client.waitForDiagnostics(uriOf(file), () => true, 60_000);
    }
    const out: unknown[] = [];
    for (const file of files) out.push(await ask(client, file));
    return out;
  } finally {
    await client.stop();
  }
}

const count = (xs: unknown): number => (Array.isArray(xs) ? xs.reduce((n: number, x) => n + count(x), 0) : xs ? 1 : 0);

describe('requests answered by the worker', { timeout: 180_000 }, () => {
  it('answer like the request thread does (one export)', async () => {
    const inWorker = await answers(IN_WORKER, [FILE]);
    const here = await answers(HERE, [FILE]);
    expect(count(inWorker)).toBeGreaterThan(100);
    expect(inWorker).toEqual(here);
  });

  it('answer like the request thread does (two routers linted together, cross-file references)', async () => {
    const files = ['office-a.rsc', 'office-b.rsc'].map((f) => path.join(PAIR, f));
    const inWorker = await answers(IN_WORKER, files, PAIR);
    const here = await answers(HERE, files, PAIR);
    expect(count(inWorker)).toBeGreaterThan(50);
    expect(inWorker).toEqual(here);
  });

  it('a request sent while its version is linted is answered from that version; one about an edited-away version, empty', async () => {
    const text = readFileSync(FILE, 'utf8');
    const uri = uriOf(FILE);
    const client = await startClient({ env: IN_WORKER });
    try {
      const line = text.split('\n').findIndex((l) => /interface=\S/.test(l));
      const character = text.split('\n')[line]!.indexOf('interface=') + 'interface='.length + 1;
      const at = { textDocument: { uri }, position: { line, character } };
      client.open(uri, text, 1);
      // Sent before any diagnostics: answered once version 1 is linted.
      const during = await client.request<unknown[]>('textDocument/references', { ...at, context: { includeDeclaration: true } });
      expect(during.length).toBeGreaterThan(0);
      await client.waitForDiagnostics(uri, () => true, 60_000);
      const hereClient = await startClient({ env: HERE });
      try {
        hereClient.open(uri, text, 1);
        await hereClient.waitForDiagnostics(uri, () => true, 60_000);
        expect(during).toEqual(await hereClient.request('textDocument/references', { ...at, context: { includeDeclaration: true } }));
      } finally {
        await hereClient.stop();
      }
      // Asked about version 2, then version 3 arrives before the lint: the answer is empty, not wrong.
      client.change(uri, 2, text + '\n');
      const stale = client.request<unknown[]>('textDocument/definition', at);
      client.change(uri, 3, text);
      expect(Array.isArray(await stale)).toBe(true);
      const fresh = await client.request<unknown[]>('textDocument/definition', at);
      expect(fresh.length).toBeGreaterThan(0);
    } finally {
      await client.stop();
    }
  });
});
