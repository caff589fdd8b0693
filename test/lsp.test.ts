/**
 * Protocol tests: the built language server spawned over stdio and driven the way an editor
 * drives it (build first: `npx tsc -b`; `npm test` does).
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, uriOf, type TestClient } from './e2e/lsp-client.js';

const FIXTURES = fileURLToPath(new URL('./e2e/fixtures/', import.meta.url));
const PAIR = path.join(FIXTURES, 'site-to-site');
const A_PRIVATE = 'gB2RudWuvA4WD+Z6zxK2SG6Z4zDqgsMu36VbS9mMSlI=';
const B_PRIVATE = 'kJJf/Z9a6aS+UDSEJD57QbD065amQti9xdD9MwmHHUk=';
const A_PUBLIC = 'JAhquIC7qOdZlx8pLkCrVLQCgQp81OxvQAT6loIuvxY=';
const A_PSK = 'cGFzc3dvcmRwYXNzd29yZHBhc3N3b3JkcGFzc3dvcmQ=';
const B_PSK = 'b3RoZXJwYXNzd29yZHBhc3N3b3JkcGFzc3dvcmQxMjM=';
const HOST_BITS = 'wireguard/allowed-address-host-bits';
const PSK = 'topology/psk-mismatch';
/** What office-a shows once its own host-bits problem is fixed or silenced. */
const REST = ['wireguard/exposed-secret', PSK];

interface Pos { line: number; character: number }
interface TextEditLike { range: { start: Pos; end: Pos }; newText: string }
interface Action { title: string; edit?: { changes?: Record<string, TextEditLike[]> } }
interface Loc { uri: string; range: { start: Pos; end: Pos } }

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'roslint-lsp-'));
  for (const f of ['office-a.rsc', 'office-b.rsc']) copyFileSync(path.join(PAIR, f), path.join(dir, f));
  return dir;
}

/** Apply LSP text edits (non-overlapping) to a text. */
function applyEdits(text: string, edits: TextEditLike[]): string {
  const lines = text.split('\n');
  const offset = (p: Pos) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** Position of the n-th occurrence of `needle` (plus `delta` characters). */
function posOf(text: string, needle: string, delta = 0, nth = 0): Pos {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

const codes = (ds: { code?: unknown }[]) => ds.map((d) => d.code);

describe('language server over stdio', { timeout: 60_000 }, () => {
  let client: TestClient;
  let dir: string;
  let aUri: string;
  let aText: string;
  let version = 1;

  beforeAll(async () => {
    dir = workspace();
    aUri = uriOf(path.join(dir, 'office-a.rsc'));
    aText = readFileSync(path.join(dir, 'office-a.rsc'), 'utf8');
    client = await startClient({ rootDir: dir });
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
  });

  it('announces its capabilities', () => {
    const caps = client.initializeResult.capabilities;
    expect(caps.hoverProvider).toBe(true);
    expect(caps.definitionProvider).toBe(true);
    expect(caps.referencesProvider).toBe(true);
    expect(caps.codeActionProvider).toBeTruthy();
    expect(caps.completionProvider?.triggerCharacters).toContain('=');
    expect(caps.semanticTokensProvider?.legend.tokenTypes).toContain('property');
  });

  it('publishes diagnostics for an opened document, with rule id, doc link and no secrets', async () => {
    client.open(aUri, aText, version);
    const diags = await client.waitForDiagnostics(aUri, (d) => d.length > 0);
    expect(codes(diags)).toEqual(['wireguard/exposed-secret', HOST_BITS, PSK]);
    const hb = diags.find((d) => d.code === HOST_BITS)!;
    expect(hb.severity).toBe(2);
    expect(hb.source).toBe('roslint');
    expect(hb.range).toEqual({ start: posOf(aText, '192.168.20.1/24'), end: posOf(aText, '192.168.20.1/24', 15) });
    const href = hb.codeDescription!.href;
    expect(href).toMatch(/rules\/wireguard\/allowed-address-host-bits\.md$/);
    expect(existsSync(fileURLToPath(href))).toBe(true);
    expect(client.diagnostics.get(aUri)!.version).toBe(version);
    const all = JSON.stringify([...client.diagnostics.values()]);
    for (const secret of [A_PRIVATE, A_PSK, B_PSK]) expect(all).not.toContain(secret);
  });

  it('reports the PSK mismatch against office-b, which is not open, with a related location there', async () => {
    const diags = await client.waitForDiagnostics(aUri, (d) => d.length > 0);
    const psk = diags.find((d) => d.code === PSK)!;
    expect(psk.severity).toBe(1);
    expect(psk.message).toContain('office-b');
    const bUri = uriOf(path.join(dir, 'office-b.rsc'));
    expect(psk.relatedInformation?.map((r) => r.location.uri)).toContain(bUri);
    // Editing office-b in the editor so the keys agree clears office-a's finding, and back.
    const bText = readFileSync(path.join(dir, 'office-b.rsc'), 'utf8');
    client.open(bUri, bText);
    client.change(bUri, 2, bText.replace(B_PSK, A_PSK));
    await client.waitForDiagnostics(aUri, (d) => d.length > 0 && !codes(d).includes(PSK));
    client.close(bUri);
    await client.waitForDiagnostics(aUri, (d) => codes(d).includes(PSK));
  });

  it('lints the closed workspace files too', async () => {
    const bUri = uriOf(path.join(dir, 'office-b.rsc'));
    const diags = await client.waitForDiagnostics(bUri);
    expect(codes(diags)).toEqual(['wireguard/exposed-secret', PSK]);
    expect(JSON.stringify(diags)).not.toContain(B_PRIVATE);
  });

  it('relints on change; the latest version wins after a burst of edits', async () => {
    const fixed = aText.replace('192.168.20.1/24', '192.168.20.0/24');
    const before = client.statuses.length;
    for (let i = 0; i < 8; i++) client.change(aUri, ++version, i % 2 === 0 ? fixed : aText);
    client.change(aUri, ++version, fixed);
    const diags = await client.waitForDiagnostics(aUri, (d) => client.diagnostics.get(aUri)!.version === version && d.length > 0);
    expect(codes(diags)).toEqual(REST);
    // Debounced: nine edits did not cause nine lint runs.
    const runs = client.statuses.slice(before).filter((s) => (s as { state: string }).state === 'ready').length;
    expect(runs).toBeLessThanOrEqual(3);
    client.change(aUri, ++version, aText);
    await client.waitForDiagnostics(aUri, (d) => d.some((x) => x.code === HOST_BITS));
  });

  it('offers the rule fix and three ways to silence a rule, each of which works', async () => {
    const at = posOf(aText, '192.168.20.1/24', 3);
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: aUri },
      range: { start: at, end: at },
      context: { diagnostics: [] },
    });
    const titles = actions.map((a) => a.title);
    expect(titles).toContain(`Disable ${HOST_BITS} for this line`);
    expect(titles).toContain(`Ignore ${HOST_BITS} for this item (comment)`);
    expect(titles).toContain(`Disable ${HOST_BITS} for this file`);
    const fix = actions.find((a) => /192\.168\.20\.0\/24/.test(a.title) || a.title.toLowerCase().includes('use'));
    expect(fix, `a fix among: ${titles.join(' | ')}`).toBeDefined();

    const editOf = (title: string) => actions.find((a) => a.title === title)!.edit!.changes![aUri]!;
    const disableLine = editOf(`Disable ${HOST_BITS} for this line`);
    // Above the command's first line (the statement continues on the next line), same indentation.
    expect(disableLine[0]!.range.start).toEqual({ line: posOf(aText, 'add allowed-address').line, character: 0 });
    expect(disableLine[0]!.newText).toBe(`# roslint-disable-next-line ${HOST_BITS}\n`);

    for (const edits of [fix!.edit!.changes![aUri]!, disableLine, editOf(`Ignore ${HOST_BITS} for this item (comment)`), editOf(`Disable ${HOST_BITS} for this file`)]) {
      const edited = applyEdits(aText, edits);
      client.change(aUri, ++version, edited);
      const diags = await client.waitForDiagnostics(aUri, () => client.diagnostics.get(aUri)!.version === version);
      expect(codes(diags), edited).toEqual(REST);
    }
    client.change(aUri, ++version, aText);
    await client.waitForDiagnostics(aUri, (d) => d.some((x) => x.code === HOST_BITS));
  });

  it('hovers: derived public key (never the private key), property kind and versions, interface definition', async () => {
    const hover = (p: Pos) => client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: aUri }, position: p });
    const key = await hover(posOf(aText, A_PRIVATE, 5));
    expect(key!.contents.value).toContain(A_PUBLIC);
    expect(key!.contents.value).not.toContain(A_PRIVATE);
    const mtu = await hover(posOf(aText, 'mtu=', 1));
    expect(mtu!.contents.value).toMatch(/\*\*mtu\*\*/);
    expect(mtu!.contents.value).toMatch(/RouterOS: 7\./);
    const iface = await hover(posOf(aText, 'interface=wg-b', 11));
    expect(iface!.contents.value).toContain('interface `wg-b`');
    expect(iface!.contents.value).toContain('Defined at line 3');
    expect(iface!.contents.value).toContain('`10.9.0.1/24`');
    const peerKey = await hover(posOf(aText, 'cppUD0mg', 4));
    expect(peerKey!.contents.value).toContain('Pairs with interface `wg-a` on `office-b.rsc`');
  });

  it('goes to definitions and finds references, across files', async () => {
    const def = await client.request<Loc[]>('textDocument/definition', { textDocument: { uri: aUri }, position: posOf(aText, 'interface=wg-b', 12) });
    expect(def).toEqual([{ uri: aUri, range: { start: posOf(aText, 'name=wg-b', 5), end: posOf(aText, 'name=wg-b', 9) } }]);
    const refs = await client.request<Loc[]>('textDocument/references', {
      textDocument: { uri: aUri },
      position: posOf(aText, 'name=wg-b', 6),
      context: { includeDeclaration: false },
    });
    expect(refs.filter((r) => r.uri === aUri).map((r) => r.range.start.line).sort()).toEqual([posOf(aText, 'interface=wg-b').line, posOf(aText, 'interface=wg-b', 0, 1).line]);
    // The peer's public key is "defined" by office-b's interface (office-b is not open).
    const bText = readFileSync(path.join(dir, 'office-b.rsc'), 'utf8');
    const cross = await client.request<Loc[]>('textDocument/definition', { textDocument: { uri: aUri }, position: posOf(aText, 'cppUD0mg', 2) });
    expect(cross).toEqual([{ uri: uriOf(path.join(dir, 'office-b.rsc')), range: { start: posOf(bText, 'name=wg-a', 5), end: posOf(bText, 'name=wg-a', 9) } }]);
    // And back: references of office-a's interface include office-b's peer that uses its public key.
    const back = await client.request<Loc[]>('textDocument/references', {
      textDocument: { uri: aUri },
      position: posOf(aText, 'name=wg-b', 6),
      context: { includeDeclaration: false },
    });
    expect(back).toContainEqual({ uri: uriOf(path.join(dir, 'office-b.rsc')), range: { start: posOf(bText, A_PUBLIC), end: posOf(bText, A_PUBLIC, A_PUBLIC.length) } });
  });

  it('navigates scripts called by name and interface lists', async () => {
    const uri = uriOf(path.join(dir, 'scripts.rsc'));
    const text = [
      '/system script',
      'add name=backup source=":log info \\"backup\\""',
      '/system scheduler',
      'add interval=1d name=nightly on-event=backup',
      '/system script run backup',
      '/interface list',
      'add name=LAN',
      '/interface list member',
      'add interface=ether2 list=LAN',
      '/ip firewall filter',
      'add action=accept chain=input in-interface-list=LAN',
      '',
    ].join('\n');
    client.open(uri, text);
    const at = (needle: string, delta: number, nth = 0) => ({ textDocument: { uri }, position: posOf(text, needle, delta, nth) });
    const def = await client.request<Loc[]>('textDocument/definition', at('on-event=backup', 10));
    expect(def.map((l) => l.range.start)).toEqual([posOf(text, 'name=backup', 5)]);
    const refs = await client.request<Loc[]>('textDocument/references', { ...at('name=backup', 6), context: { includeDeclaration: true } });
    expect(refs.map((l) => l.range.start.line)).toEqual([1, 3, 4]);
    const lists = await client.request<Loc[]>('textDocument/references', { ...at('in-interface-list=LAN', 19), context: { includeDeclaration: false } });
    expect(lists.map((l) => l.range.start.line).sort((a, b) => a - b)).toEqual([8, 10]);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', at('list=LAN', 6));
    expect(hover.contents.value).toContain('interface list `LAN`');
    expect(hover.contents.value).toContain('Members: `ether2`');
    client.close(uri);
  });

  it('completes menus, commands, property names and enumerated values', async () => {
    const uri = uriOf(path.join(dir, 'scratch.rsc'));
    const text = '/ip fire\n/interface wireguard peers add \n/ip firewall filter add action=\n/interface wireguard\nad\n/ip address add interface=\n';
    client.open(uri, text);
    const complete = async (line: number) => {
      const character = text.split('\n')[line]!.length;
      const r = await client.request<{ label: string; textEdit?: { newText: string } }[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
      return r.map((c) => c.label);
    };
    expect(await complete(0)).toContain('firewall');
    const props = await complete(1);
    expect(props).toEqual(expect.arrayContaining(['allowed-address', 'public-key', 'endpoint-address', 'preshared-key']));
    expect(props).not.toContain('firewall');
    expect(await complete(2)).toEqual(expect.arrayContaining(['accept', 'drop', 'jump']));
    expect(await complete(4)).toContain('add');
    // Interfaces defined anywhere in the network (office-b.rsc is not open).
    expect(await complete(5)).toEqual(expect.arrayContaining(['wg-a', 'wg-b']));
    client.close(uri);
  });

  it('lists document symbols, folding ranges and semantic tokens', async () => {
    const symbols = await client.request<{ name: string; children?: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: aUri } });
    const wg = symbols.find((s) => s.name === '/interface/wireguard');
    expect(wg?.children?.map((c) => c.name)).toEqual(['wg-b']);
    expect(symbols.map((s) => s.name)).toEqual(expect.arrayContaining(['/interface/wireguard/peers', '/ip/address', '/ip/route']));
    const folds = await client.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri: aUri } });
    // The peers section (path line + a continued add) folds.
    expect(folds).toContainEqual({ startLine: posOf(aText, '/interface wireguard peers').line, endLine: posOf(aText, 'interface=wg-b').line });
    const tokens = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: aUri } });
    expect(tokens.data.length % 5).toBe(0);
    const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend.tokenTypes;
    // Decode: find the token at `mtu` on line 2.
    let line = 0;
    let ch = 0;
    const decoded: { line: number; ch: number; len: number; type: string }[] = [];
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i]!;
      ch = tokens.data[i]! === 0 ? ch + tokens.data[i + 1]! : tokens.data[i + 1]!;
      decoded.push({ line, ch, len: tokens.data[i + 2]!, type: legend[tokens.data[i + 3]!]! });
    }
    const mtu = posOf(aText, 'mtu=');
    expect(decoded).toContainEqual({ line: mtu.line, ch: mtu.character, len: 3, type: 'property' });
    expect(decoded).toContainEqual({ line: 0, ch: 0, len: aText.split('\n')[0]!.length, type: 'comment' });
    expect(decoded.filter((t) => t.type === 'namespace').length).toBeGreaterThan(3);
  });

  it('survives hostile input and keeps answering', async () => {
    const uri = uriOf(path.join(dir, 'junk.rsc'));
    const junk = '{'.repeat(5000) + '"\\' + '\u0000\uFFFF'.repeat(100) + ':if ((( do={ [[[ $';
    client.open(uri, junk);
    await client.waitForDiagnostics(uri, (d) => d.length > 0);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 10 } });
    expect(hover === null || typeof hover === 'object').toBe(true);
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: aUri } });
    expect(symbols.length).toBeGreaterThan(0);
    client.close(uri);
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
  });
});

describe('every feature on every repository fixture', { timeout: 120_000 }, () => {
  it('answers without a failure logged, at positions all over each file', async () => {
    const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (/\.(rsc|conf)$/.test(e.name)) files.push(path.join(d, e.name));
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(20);
    const client = await startClient();
    try {
      let requests = 0;
      for (const file of files) {
        const uri = uriOf(file);
        const text = readFileSync(file, 'utf8');
        client.open(uri, text);
        const lines = text.split(/\r\n|\r|\n/);
        const doc = { textDocument: { uri } };
        await Promise.all([
          client.request('textDocument/documentSymbol', doc),
          client.request('textDocument/foldingRange', doc),
          client.request('textDocument/semanticTokens/full', doc),
        ]);
        requests += 3;
        // Every 3rd line, three columns: start, middle, end.
        for (let line = 0; line < lines.length; line += 3) {
          const len = lines[line]!.length;
          for (const character of [0, len >> 1, len]) {
            const at = { ...doc, position: { line, character } };
            await Promise.all([
              client.request('textDocument/hover', at),
              client.request('textDocument/definition', at),
              client.request('textDocument/references', { ...at, context: { includeDeclaration: true } }),
              client.request('textDocument/completion', at),
              client.request('textDocument/codeAction', { ...doc, range: { start: { line, character: 0 }, end: { line, character: len } }, context: { diagnostics: [] } }),
            ]);
            requests += 5;
          }
        }
        client.close(uri);
      }
      expect(requests).toBeGreaterThan(1000);
      expect(client.logs.filter((l) => /failed/.test(l))).toEqual([]);
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });
});

describe('cross-file network linting', { timeout: 60_000 }, () => {
  let client: TestClient;
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
  });

  it('a change in one file refreshes the diagnostics of the others, open or not', async () => {
    const dir = workspace();
    const aUri = uriOf(path.join(dir, 'office-a.rsc'));
    const bPath = path.join(dir, 'office-b.rsc');
    const bUri = uriOf(bPath);
    const bText = readFileSync(bPath, 'utf8');
    client = await startClient({ rootDir: dir, env: { ROSLINT_EXTRA_RULES: path.join(FIXTURES, 'network-test-rule.mjs') } });
    const rule = 'test/peer-without-router';
    client.open(aUri, readFileSync(path.join(dir, 'office-a.rsc'), 'utf8'));
    expect(codes(await client.waitForDiagnostics(aUri, (d) => d.length > 0))).not.toContain(rule);

    // Editing office-b (open) so its key no longer matches office-a's peer: office-a gets the finding.
    const otherKey = 'QKk9rXMbG9Je3zbHXzEcz3qdE9fmmrv2Ej0r/SUvF3A=';
    client.open(bUri, bText);
    client.change(bUri, 2, bText.replace(B_PRIVATE, otherKey));
    const flagged = await client.waitForDiagnostics(aUri, (d) => codes(d).includes(rule));
    expect(flagged.find((d) => d.code === rule)!.message).toContain('no router in the workspace');

    // Closing office-b reverts it to the file on disk: the finding goes away.
    client.close(bUri);
    await client.waitForDiagnostics(aUri, (d) => d.length > 0 && !codes(d).includes(rule));

    // A change on disk (file watcher event) counts too.
    writeFileSync(bPath, bText.replace(B_PRIVATE, otherKey));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: bUri, type: 2 }] });
    await client.waitForDiagnostics(aUri, (d) => codes(d).includes(rule));
  });
});

describe('editor settings', { timeout: 60_000 }, () => {
  it('a RouterOS version override applies to files without an export header, and can change at run time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'roslint-lsp-settings-'));
    const client = await startClient({ rootDir: dir, initializationOptions: { routerosVersion: '7.12' } });
    try {
      const uri = uriOf(path.join(dir, 'peer.rsc'));
      const text = '/interface wireguard\nadd listen-port=13231 name=wg1\n/interface wireguard peers\nadd allowed-address=10.0.0.2/32 interface=wg1 public-key="cppUD0mg5uTuSR2EcVeAWYNWPCy0eQsHGXCf8aa/21Y=" responder=yes\n';
      client.open(uri, text);
      const old = await client.waitForDiagnostics(uri, (d) => d.length > 0);
      expect(old.find((d) => d.range.start.line === 3 && String(d.code).startsWith('schema/'))?.message).toMatch(/responder/);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { roslint: { routerosVersion: '7.19' } } });
      await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.range.start.line === 3 && String(x.code).startsWith('schema/')));
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });
});

describe('workspace folders', { timeout: 60_000 }, () => {
  it('lints the files of an added folder and clears those of a removed one', async () => {
    const first = workspace();
    const second = mkdtempSync(path.join(tmpdir(), 'roslint-lsp-folder-'));
    copyFileSync(path.join(PAIR, 'office-a.rsc'), path.join(second, 'router.rsc'));
    const client = await startClient({ rootDir: first });
    try {
      const firstB = uriOf(path.join(first, 'office-b.rsc'));
      const secondUri = uriOf(path.join(second, 'router.rsc'));
      await client.waitForDiagnostics(firstB, (d) => d.length > 0);
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: uriOf(second), name: 'second' }], removed: [{ uri: uriOf(first), name: 'ws' }] },
      });
      expect(codes(await client.waitForDiagnostics(secondUri, (d) => d.length > 0))).toContain(HOST_BITS);
      await client.waitForDiagnostics(firstB, (d) => d.length === 0);
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });
});

describe('configPath setting', { timeout: 60_000 }, () => {
  it('uses the chosen file (relative to the workspace folder) instead of the nearest one', async () => {
    const dir = workspace();
    writeFileSync(path.join(dir, 'roslint.config.json'), JSON.stringify({ rules: { [HOST_BITS]: 'error' } }));
    writeFileSync(path.join(dir, 'quiet.json'), JSON.stringify({ rules: { [HOST_BITS]: 'off' } }));
    const client = await startClient({ rootDir: dir, initializationOptions: { configPath: 'quiet.json' } });
    try {
      const aUri = uriOf(path.join(dir, 'office-a.rsc'));
      client.open(aUri, readFileSync(path.join(dir, 'office-a.rsc'), 'utf8'));
      expect(codes(await client.waitForDiagnostics(aUri, (d) => d.length > 0))).toEqual(REST);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { roslint: { configPath: '' } } });
      const nearest = await client.waitForDiagnostics(aUri, (d) => codes(d).includes(HOST_BITS));
      expect(nearest.find((d) => d.code === HOST_BITS)!.severity).toBe(1);
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });
});

describe('wg-quick clients in the workspace', { timeout: 60_000 }, () => {
  it('lints a router together with the wg-quick .conf files next to it, as the fixture sidecars say', async () => {
    const net = fileURLToPath(new URL('../fixtures/networks/road-warrior-mtu-keys/', import.meta.url));
    const dir = mkdtempSync(path.join(tmpdir(), 'roslint-lsp-wgquick-'));
    for (const f of ['server.rsc', 'alice.conf', 'bob.conf']) copyFileSync(path.join(net, f), path.join(dir, f));
    writeFileSync(path.join(dir, 'nginx.conf'), 'server {\n  listen 80;\n}\n');
    const client = await startClient({ rootDir: dir });
    try {
      const expected = (name: string) =>
        (JSON.parse(readFileSync(path.join(net, name), 'utf8')) as { ruleId: string; line: number; column: number }[]).map((e) => [e.ruleId, e.line - 1, e.column - 1]);
      const got = (ds: { code?: unknown; range: { start: Pos } }[]) => ds.map((d) => [d.code, d.range.start.line, d.range.start.character]);
      const serverUri = uriOf(path.join(dir, 'server.rsc'));
      client.open(serverUri, readFileSync(path.join(dir, 'server.rsc'), 'utf8'));
      expect(got(await client.waitForDiagnostics(serverUri, (d) => d.length > 0))).toEqual(expected('server.expected.json'));
      // alice.conf is not open: linted from disk as part of the network.
      expect(got(await client.waitForDiagnostics(uriOf(path.join(dir, 'alice.conf'))))).toEqual(expected('alice.expected.json'));
      expect(client.diagnostics.has(uriOf(path.join(dir, 'nginx.conf')))).toBe(false);
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });
});

describe('roslint.config.json', { timeout: 60_000 }, () => {
  it('is read from the nearest directory and reloaded when it changes', async () => {
    const dir = workspace();
    const configPath = path.join(dir, 'roslint.config.json');
    writeFileSync(configPath, JSON.stringify({ rules: { 'wireguard/exposed-secret': 'off', [PSK]: 'off', [HOST_BITS]: 'error' } }));
    const client = await startClient({ rootDir: dir });
    try {
      const aUri = uriOf(path.join(dir, 'office-a.rsc'));
      client.open(aUri, readFileSync(path.join(dir, 'office-a.rsc'), 'utf8'));
      const diags = await client.waitForDiagnostics(aUri, (d) => d.length > 0);
      expect(diags.map((d) => [d.code, d.severity])).toEqual([[HOST_BITS, 1]]);
      writeFileSync(configPath, JSON.stringify({ rules: { [HOST_BITS]: ['off'], [PSK]: 'warn' } }));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(configPath), type: 2 }] });
      const after = await client.waitForDiagnostics(aUri, (d) => !codes(d).includes(HOST_BITS));
      expect(after.map((d) => [d.code, d.severity])).toEqual([['wireguard/exposed-secret', 2], [PSK, 2]]);
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });
});
