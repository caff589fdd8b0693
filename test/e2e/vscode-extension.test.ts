/**
 * The VS Code extension as shipped: the .vsix built by `npm run package` carries no runtime
 * node_modules, its bundled server works from the unpacked extension alone, and its TextMate
 * grammar highlights what the parser sees (property names, comments, paths).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, type Expr, type Statement } from '@roslint/parser';
import { startClient, uriOf } from './lsp-client.js';
import { runInCodeServer } from './code-server/harness.js';
import { buildVsix, REPO, VSCODE_PKG } from './vsix.js';

const PAIR = fileURLToPath(new URL('./fixtures/site-to-site/', import.meta.url));

let vsix: string;
beforeAll(() => {
  vsix = buildVsix();
}, 180_000);

describe('VS Code extension package', { timeout: 180_000 }, () => {
  let unpacked: string;
  beforeAll(() => {
    unpacked = mkdtempSync(path.join(tmpdir(), 'roslint-vsix-'));
    execFileSync('unzip', ['-q', vsix, '-d', unpacked]);
  });

  it('has the bundles, schema, grammar and rule docs, and no node_modules', () => {
    const files = execFileSync('find', [unpacked, '-type', 'f'], { encoding: 'utf8' }).split('\n').map((f) => path.relative(unpacked, f));
    expect(files.filter((f) => f.includes('node_modules'))).toEqual([]);
    for (const f of ['dist/extension.cjs', 'dist/server.mjs', 'dist/lint-worker.mjs', 'data/schema.json.gz', 'syntaxes/routeros.tmLanguage.json', 'language-configuration.json', 'rules/wireguard/allowed-address-host-bits.md']) {
      expect(files).toContain(`extension/${f}`);
    }
    const manifest = JSON.parse(readFileSync(path.join(unpacked, 'extension/package.json'), 'utf8'));
    expect(manifest.contributes.languages[0]).toMatchObject({ id: 'routeros', extensions: ['.rsc'] });
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(['roslint.configPath', 'roslint.routerosVersion', 'roslint.crossFile', 'roslint.trace.server']);
  });

  it('runs the bundled server and its lint worker from the unpacked extension alone', async () => {
    const ext = path.join(unpacked, 'extension');
    // Every lint through the bundled worker thread.
    const env = { NODE_PATH: '', ROSLINT_LS_WORKER_MIN_CHARS: '0' };
    const client = await startClient({ bin: path.join(ext, 'dist/server.mjs'), cwd: ext, rootDir: PAIR, env });
    try {
      const uri = uriOf(path.join(PAIR, 'office-a.rsc'));
      client.open(uri, readFileSync(path.join(PAIR, 'office-a.rsc'), 'utf8'));
      const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
      const hb = diags.find((d) => d.code === 'wireguard/allowed-address-host-bits');
      expect(hb).toBeDefined();
      // The doc link points at the copy shipped inside the extension.
      expect(fileURLToPath(hb!.codeDescription!.href)).toBe(path.join(ext, 'rules/wireguard/allowed-address-host-bits.md'));
      // Schema data loads from the extension's data/ (completion needs it).
      const items = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 20 } });
      expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['wireguard', 'bridge', 'vlan']));
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });
});

describe('TextMate grammar', () => {
  const grammar = JSON.parse(readFileSync(path.join(VSCODE_PKG, 'syntaxes/routeros.tmLanguage.json'), 'utf8'));
  const repo = grammar.repository;
  const property = new RegExp(repo.property.match, 'g');
  const comment = new RegExp(repo.comment.match);
  const pathRule = new RegExp(repo.path.match, 'g');

  it('compiles every pattern', () => {
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') expect(() => new RegExp(v)).not.toThrow();
        else walk(v);
      }
    };
    walk(grammar);
  });

  it('agrees with the parser on property names, comments and paths in every repository fixture', () => {
    const fixtures: string[] = [];
    const walkDir = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walkDir(path.join(d, e.name));
        else if (e.name.endsWith('.rsc')) fixtures.push(path.join(d, e.name));
      }
    };
    walkDir(path.join(REPO, 'fixtures'));
    expect(fixtures.length).toBeGreaterThan(10);
    let checked = 0;
    const misses: string[] = [];
    for (const file of fixtures) {
      const parsed = parse(readFileSync(file), { file });
      const src = parsed.source;
      const names: { start: number; end: number }[] = [];
      const paths: number[] = [];
      const expr = (e: Expr | null | undefined): void => {
        if (!e) return;
        if (e.kind === 'block') statements(e.body);
        if (e.kind === 'substitution' && e.command) statements([e.command]);
      };
      const statements = (list: Statement[]): void => {
        for (const s of list) {
          if (s.kind === 'command') {
            if (s.path?.absolute) paths.push(s.path.start);
            for (const a of s.args) {
              if (a.kind === 'named' && !a.name.startsWith('.')) names.push(a.nameSpan);
              if (a.kind !== 'unset') expr(a.value);
            }
          } else if (s.kind === 'pathBlock' || s.kind === 'blockStatement') statements(s.body);
        }
      };
      statements(parsed.script.body);
      for (const n of names) {
        const p = src.positionAt(n.start);
        const line = src.lineText(p.line);
        const hit = [...line.matchAll(property)].some((m) => m.index! + m[1]!.length === p.column && m[2]!.length === n.end - n.start);
        checked++;
        if (!hit) misses.push(`${path.relative(REPO, file)}:${p.line + 1}:${p.column + 1} property ${line.slice(p.column, p.column + n.end - n.start)}`);
      }
      for (const start of paths) {
        const p = src.positionAt(start);
        const line = src.lineText(p.line);
        checked++;
        if (![...line.matchAll(pathRule)].some((m) => line.indexOf(m[1]!, m.index!) === p.column)) misses.push(`${path.relative(REPO, file)}:${p.line + 1} path`);
      }
      for (const c of parsed.script.comments) {
        const p = src.positionAt(c.start);
        if (src.lineText(p.line).slice(0, p.column).trim() !== '') continue; // trailing comments: statement-level only
        checked++;
        if (!comment.test(src.lineText(p.line))) misses.push(`${path.relative(REPO, file)}:${p.line + 1} comment`);
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(misses).toEqual([]);
  });
});

describe('in a real VS Code (code-server + headless Chromium)', () => {
  it('shows roslint diagnostics for a broken site-to-site pair in the Problems panel', { timeout: 420_000 }, async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'roslint-cs-ws-'));
    for (const f of ['office-a.rsc', 'office-b.rsc']) copyFileSync(path.join(PAIR, f), path.join(ws, f));
    const shot = path.join(mkdtempSync(path.join(tmpdir(), 'roslint-cs-shot-')), 'problems.png');
    // Message and rule of office-a's finding, and office-b (never opened) linted as part of the network.
    const expected = ['has host bits set', 'wireguard/allowed-address-host-bits', 'office-b.rsc', 'topology/psk-mismatch', 'the handshake fails'];
    // 5 problems: office-a 3, office-b 2.
    const run = await runInCodeServer({ vsix, workspace: ws, file: 'office-a.rsc', screenshot: shot, expected, status: 'roslint 5' });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('status bar shows: roslint 5');
    const panel = readFileSync(shot.replace(/\.png$/, '-problems.txt'), 'utf8');
    for (const e of expected) expect(panel).toContain(e);
    for (const secret of ['gB2RudWuvA4WD', 'cGFzc3dvcmRwYXNzd29yZHBhc3N3b3JkcGFzc3dvcmQ=']) expect(panel).not.toContain(secret);
    expect(statSync(shot).size).toBeGreaterThan(10_000);
  });
});
