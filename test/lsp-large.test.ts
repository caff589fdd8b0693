/**
 * Large files: a multi-megabyte export is linted off the request thread, so hover and the like
 * stay answered meanwhile, and its diagnostics still arrive (stale results dropped).
 */
import { mkdtempSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startClient, uriOf } from './e2e/lsp-client.js';

const PAIR = fileURLToPath(new URL('./e2e/fixtures/site-to-site/', import.meta.url));

function bigExport(entries: number, hostBitsLast: boolean): string {
  const out = ['# 2025-01-10 10:00:00 by RouterOS 7.16.2', '/ip firewall address-list'];
  for (let i = 0; i < entries; i++) out.push(`add address=10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} list=blocklist comment="entry ${i}"`);
  out.push('/interface wireguard', 'add listen-port=13231 name=wg1');
  out.push('/interface wireguard peers', `add allowed-address=${hostBitsLast ? '10.200.0.1/24' : '10.200.0.0/24'} interface=wg1 public-key="cppUD0mg5uTuSR2EcVeAWYNWPCy0eQsHGXCf8aa/21Y="`);
  return out.join('\n') + '\n';
}

describe('large files', { timeout: 120_000 }, () => {
  it('keeps answering requests while a large export is linted, then publishes its diagnostics', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'roslint-lsp-large-'));
    copyFileSync(path.join(PAIR, 'office-a.rsc'), path.join(dir, 'office-a.rsc'));
    const client = await startClient({ rootDir: dir });
    try {
      const aUri = uriOf(path.join(dir, 'office-a.rsc'));
      client.open(aUri, readFileSync(path.join(dir, 'office-a.rsc'), 'utf8'));
      await client.waitForDiagnostics(aUri, (d) => d.length > 0);

      const bigUri = uriOf(path.join(dir, 'big.rsc'));
      const stale = bigExport(70_000, false);
      const big = bigExport(70_000, true);
      expect(big.length).toBeGreaterThan(4_000_000);
      // Version 1 is replaced by version 2 while (or before) it is linted: only version 2 may be published.
      client.open(bigUri, stale, 1);
      await new Promise((r) => setTimeout(r, 400));
      client.change(bigUri, 2, big);
      await new Promise((r) => setTimeout(r, 400));

      const t0 = performance.now();
      const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: aUri }, position: { line: 2, character: 28 } });
      const hoverMs = performance.now() - t0;
      expect(hover.contents.value).toContain('**mtu**');
      const publishedBeforeHover = client.diagnostics.get(bigUri)?.version === 2;
      const t1 = performance.now();
      const diags = await client.waitForDiagnostics(bigUri, (d) => d.length > 0, 90_000);
      console.log(`hover answered in ${hoverMs.toFixed(0)} ms; big-file diagnostics ${(performance.now() - t1).toFixed(0)} ms later`);
      // Answered quickly while the big lint was still running (its diagnostics not yet published).
      expect(publishedBeforeHover).toBe(false);
      expect(hoverMs).toBeLessThan(1500);
      expect(client.diagnostics.get(bigUri)!.version).toBe(2);
      const hb = diags.find((d) => d.code === 'wireguard/allowed-address-host-bits');
      expect(hb?.range.start.line).toBe(big.split('\n').length - 2);

      // Code actions on the big file use a model built on demand.
      const t2 = performance.now();
      const actions = await client.request<{ title: string }[]>('textDocument/codeAction', {
        textDocument: { uri: bigUri },
        range: hb!.range,
        context: { diagnostics: [] },
      });
      console.log(`code actions on the big file (model built on demand) in ${(performance.now() - t2).toFixed(0)} ms`);
      expect(actions.map((a) => a.title)).toContain('Use 10.200.0.0/24');
      const symbols = await client.request<{ name: string; children: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: bigUri } });
      const list = symbols.find((s) => s.name === '/ip/firewall/address-list')!;
      expect(list.children).toHaveLength(2001);
      expect(list.children[2000]!.name).toBe('… 68000 more');
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });
});
