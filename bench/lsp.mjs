#!/usr/bin/env node
/**
 * Language-server benchmark (issue 8): the built `roslint-language-server --stdio`, driven over
 * JSON-RPC the way an editor drives it (vscode-jsonrpc, like test/e2e/lsp-client.ts).
 *
 * (a) edit: open the 1 MB export, wait for its diagnostics and half a second (the server's syntax
 *     snapshot arrives from the worker right after the lint; a keystroke before it pays for a cold
 *     full parse, ~0.3 s), then N one-character edits in the middle of a line (alternately
 *     insert and delete, sent the way the server advertises: incremental ranges or full text). Per
 *     edit: didChange sent → the first publishDiagnostics for that version ("first"), and → the
 *     server's `roslint/status` "ready" once that version's complete lint is published
 *     ("complete"). p50/p95/max of each.
 * (b) open: open the 20 MB export → its first publishDiagnostics; meanwhile documentSymbol every
 *     100 ms (the editor must stay responsive), and hover, definition, references and completion
 *     sent once right after the open; then all of them again after the lint.
 *
 *   node bench/lsp.mjs [--edits 60] [--only edit,open] [--prof <dir>] [--json]
 *
 * Needs the built server (`npx tsc -b packages/language-server`). `--prof` starts the server with
 * `--cpu-prof --cpu-prof-dir=<dir>` (written when the server exits).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const requireFromServer = createRequire(join(root, 'packages/language-server/package.json'));
const P = requireFromServer('vscode-languageserver-protocol/node');
const SERVER_BIN = join(root, 'packages/language-server/bin/roslint-language-server.js');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}
export const summary = (xs) => ({ n: xs.length, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: Math.max(...xs) });

/** Spawn the server and initialize it (no workspace folder: only the opened document is linted). */
async function startServer({ prof } = {}) {
  const args = [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []), SERVER_BIN, '--stdio'];
  const child = spawn(process.execPath, args, { stdio: 'pipe' });
  let stderr = '';
  let stopping = false;
  child.stderr.on('data', (b) => (stderr += b.toString()));
  const connection = P.createProtocolConnection(new P.StreamMessageReader(child.stdout), new P.StreamMessageWriter(child.stdin));
  /** Listeners get (kind, params, time) for every publishDiagnostics and status notification. */
  const listeners = new Set();
  const emit = (kind, params) => {
    const t = performance.now();
    for (const l of [...listeners]) l(kind, params, t);
  };
  connection.onNotification(P.PublishDiagnosticsNotification.type, (p) => emit('diagnostics', p));
  // A server that dies (e.g. a broken build) ends the bench with its stderr, not with a hang.
  child.once('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`language server exited (${code}): ${stderr.slice(-2000)}\n`);
      process.exit(1);
    }
  });
  connection.onNotification('roslint/status', (s) => emit('status', s));
  connection.onNotification(P.LogMessageNotification.type, () => undefined);
  connection.onRequest(P.RegistrationRequest.type, () => undefined);
  connection.onRequest(P.ConfigurationRequest.type, () => []);
  connection.listen();
  const init = await connection.sendRequest(P.InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } } },
  });
  await connection.sendNotification(P.InitializedNotification.type, {});
  const sync = init.capabilities.textDocumentSync;
  const syncKind = typeof sync === 'number' ? sync : sync?.change ?? P.TextDocumentSyncKind.Full;

  /** Resolves with the time of the first notification `accept` takes. */
  const when = (accept, timeoutMs = 120_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(l);
        reject(new Error(`timed out; server stderr: ${stderr.slice(-500)}`));
      }, timeoutMs);
      const l = (kind, params, t) => {
        if (!accept(kind, params)) return;
        clearTimeout(timer);
        listeners.delete(l);
        resolve(t);
      };
      listeners.add(l);
    });

  const full = init.capabilities.semanticTokensProvider?.full;
  return {
    connection,
    syncKind,
    tokensDelta: typeof full === 'object' && full.delta === true,
    when,
    listeners,
    async stop() {
      stopping = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendRequest(P.ShutdownRequest.type);
      await connection.sendNotification(P.ExitNotification.type);
      const timer = setTimeout(() => child.kill(), 10_000);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
  };
}

function open(server, uri, text) {
  return server.connection.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'routeros', version: 1, text } });
}

/**
 * Tracks, per document version, when its first diagnostics arrived and when the server reported
 * "ready" with that version published (its complete lint). A server that publishes a version once
 * has first = complete.
 */
function versionTracker(server, uri) {
  const first = new Map();
  const complete = new Map();
  let published = 0;
  server.listeners.add((kind, params, t) => {
    if (kind === 'diagnostics' && params.uri === uri && params.version != null) {
      published = params.version;
      if (!first.has(published)) first.set(published, t);
    } else if (kind === 'status' && params.state === 'ready' && published > 0 && !complete.has(published)) {
      complete.set(published, t);
    }
  });
  return {
    first,
    complete,
    async waitComplete(version, timeoutMs = 120_000) {
      const t0 = performance.now();
      while (!complete.has(version)) {
        if (performance.now() - t0 > timeoutMs) throw new Error(`no complete lint of version ${version}`);
        await sleep(1);
      }
    },
  };
}

/** (a) One-character edits in the middle of a line of the 1 MB export. */
export async function benchEdits({ file, edits = 60, settleMs = 500, prof, log = () => {} }) {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const server = await startServer({ prof });
  try {
    const track = versionTracker(server, uri);
    const t0 = performance.now();
    await open(server, uri, text);
    await track.waitComplete(1);
    const openMs = track.complete.get(1) - t0;
    log(`  opened ${file} (${(text.length / 1e6).toFixed(1)} MB): diagnostics after ${openMs.toFixed(0)} ms`);
    await sleep(settleMs);

    // A line in the middle of the file, long enough to type inside.
    const lines = text.split('\n');
    let line = Math.floor(lines.length / 2);
    while (line < lines.length - 1 && lines[line].replace(/\r$/, '').length < 20) line++;
    const character = Math.floor(lines[line].replace(/\r$/, '').length / 2);
    let current = text;
    const lineStart = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
    const firstMs = [];
    const completeMs = [];
    for (let i = 0; i < edits; i++) {
      const version = i + 2;
      const insert = i % 2 === 0;
      const at = lineStart + character;
      current = insert ? current.slice(0, at) + 'x' + current.slice(at) : current.slice(0, at) + current.slice(at + 1);
      const range = { start: { line, character }, end: { line, character: insert ? character : character + 1 } };
      const change = server.syncKind === P.TextDocumentSyncKind.Incremental ? { range, text: insert ? 'x' : '' } : { text: current };
      const sent = performance.now();
      await server.connection.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
      await track.waitComplete(version);
      firstMs.push(track.first.get(version) - sent);
      completeMs.push(track.complete.get(version) - sent);
      await sleep(20); // a typist's pause, so one edit's work does not overlap the next
    }
    // Semantic tokens, as an editor asks for them after each change (the first request parses in
    // full; then deltas against the previous result when the server offers them, like VS Code).
    const f0 = performance.now();
    let previous = await server.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
    const tokensFirstMs = performance.now() - f0;
    const tokensMs = [];
    for (let i = 0; i < 10; i++) {
      const version = edits + 2 + i;
      const insert = i % 2 === 0;
      const at = lineStart + character;
      current = insert ? current.slice(0, at) + 'x' + current.slice(at) : current.slice(0, at) + current.slice(at + 1);
      const range = { start: { line, character }, end: { line, character: insert ? character : character + 1 } };
      const change = server.syncKind === P.TextDocumentSyncKind.Incremental ? { range, text: insert ? 'x' : '' } : { text: current };
      await server.connection.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
      const t0 = performance.now();
      const delta = previous?.resultId && server.tokensDelta;
      previous = await server.connection.sendRequest(delta ? 'textDocument/semanticTokens/full/delta' : 'textDocument/semanticTokens/full', {
        textDocument: { uri },
        ...(delta ? { previousResultId: previous.resultId } : {}),
      });
      tokensMs.push(performance.now() - t0);
      await track.waitComplete(version);
    }
    if (process.env.LSP_BENCH_RAW) log(`  first: ${firstMs.map((x) => x.toFixed(0)).join(" ")}\n  complete: ${completeMs.map((x) => x.toFixed(0)).join(" ")}`);
    return { file, bytes: text.length, edits, openMs, first: summary(firstMs), complete: summary(completeMs), tokensFirstMs, tokens: summary(tokensMs), syncKind: server.syncKind };
  } finally {
    await server.stop();
  }
}

/** A name use in the text (an address-list reference): where definition/references/completion are asked. */
function namePosition(text) {
  const at = text.search(/ src-address-list=[A-Za-z]/);
  if (at < 0) return undefined;
  const before = text.slice(0, at + 1);
  const line = before.split('\n').length - 1;
  const character = at + 1 - (before.lastIndexOf('\n') + 1) + 'src-address-list='.length;
  return { line, character };
}

/** Definition, references and completion at `pos`, each timed (sent together, like an editor does). */
async function modelRequests(server, uri, pos) {
  const timed = async (method, params) => {
    const t0 = performance.now();
    const r = await server.connection.sendRequest(method, { textDocument: { uri }, position: pos, ...params });
    return { ms: performance.now() - t0, n: Array.isArray(r) ? r.length : r ? 1 : 0 };
  };
  const [definition, references, completion] = await Promise.all([
    timed('textDocument/definition', {}),
    timed('textDocument/references', { context: { includeDeclaration: true } }),
    timed('textDocument/completion', {}),
  ]);
  return { definition, references, completion };
}

/**
 * (b) Open the 20 MB export; documentSymbol every 100 ms until its first diagnostics arrive (the
 * server must keep answering), hover and definition/references/completion asked once right after
 * the open (they need the model: answered when the lint is done), then all again after the lint.
 */
export async function benchOpen({ file, prof, log = () => {} }) {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const pos = namePosition(text) ?? { line: 0, character: 0 };
  const server = await startServer({ prof });
  try {
    const firstDiagnostics = server.when((kind, p) => kind === 'diagnostics' && p.uri === uri);
    const t0 = performance.now();
    await open(server, uri, text);
    let done = false;
    const firstAt = firstDiagnostics.then((t) => ((done = true), t));
    const symbolMs = [];
    const lines = text.split('\n', 200).length;
    const h0 = performance.now();
    const hoverDuring = server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: lines - 1, character: 5 } }).then(() => performance.now() - h0);
    const during = modelRequests(server, uri, pos);
    while (!done) {
      const s0 = performance.now();
      await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      symbolMs.push(performance.now() - s0);
      await Promise.race([sleep(100), firstAt]);
    }
    const diagnosticsMs = (await firstAt) - t0;
    const hoverDuringMs = await hoverDuring;
    const duringLint = await during;
    if (process.env.LSP_BENCH_RAW) log(`  symbols: ${symbolMs.map((x) => x.toFixed(0)).join(' ')}`);
    log(`  opened ${file} (${(text.length / 1e6).toFixed(1)} MB): first diagnostics after ${diagnosticsMs.toFixed(0)} ms`);
    // After the lint: the outline (sent by the worker), then hover and the other model requests.
    const a0 = performance.now();
    await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    const symbolsAfterMs = performance.now() - a0;
    const b0 = performance.now();
    await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: lines - 1, character: 5 } });
    const hoverAfterMs = performance.now() - b0;
    const afterLint = await modelRequests(server, uri, pos);
    // The request thread while the model requests run: a documentSymbol sent with them.
    const c0 = performance.now();
    const again = modelRequests(server, uri, pos);
    await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    const symbolsBesideMs = performance.now() - c0;
    await again;
    log(`  model requests during the lint: ${JSON.stringify(duringLint)}; after: ${JSON.stringify(afterLint)}; documentSymbol beside them ${symbolsBesideMs.toFixed(0)} ms`);
    return { file, bytes: text.length, diagnosticsMs, symbols: summary(symbolMs), symbolsAfterMs, hoverDuringMs, hoverAfterMs, duringLint, afterLint, symbolsBesideMs };
  } finally {
    await server.stop();
  }
}

const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '—');
const stat = (s) => `${f0(s.p50)} / ${f0(s.p95)} / ${f0(s.max)} ms`;

/** The markdown table `npm run bench` prints in its LSP section. */
export function lspTable({ edit, open: opened }) {
  const rows = ['| language server | measured (p50 / p95 / max) | target |', '|---|---:|---|'];
  if (edit) {
    rows.push(`| 1 MB export open → diagnostics | ${f0(edit.openMs)} ms | — |`);
    rows.push(`| one-character edit → first diagnostics of that version: quick (edited statements re-parsed, the rest moved) (${edit.edits} edits) | ${stat(edit.first)} | p95 ≤ 30 ms |`);
    rows.push(`| one-character edit → complete lint of that version published | ${stat(edit.complete)} | — |`);
    rows.push(`| semantic tokens (full): first request | ${f0(edit.tokensFirstMs)} ms | — |`);
    rows.push(`| semantic tokens right after an edit (${edit.tokens.n}; delta requests when offered) | ${stat(edit.tokens)} | — |`);
  }
  if (opened) {
    rows.push(`| 20 MB export open → first diagnostics | ${f0(opened.diagnosticsMs)} ms | ≤ 1.5 s |`);
    rows.push(`| … documentSymbol every 100 ms while it lints (${opened.symbols.n}) | ${opened.symbols.n ? stat(opened.symbols) : '—'} | answered |`);
    rows.push(`| … hover sent right after the open (answered from the worker's model when its lint is done) | ${f0(opened.hoverDuringMs)} ms | — |`);
    for (const k of ['definition', 'references', 'completion']) rows.push(`| … ${k} sent right after the open (${opened.duringLint[k].n} results) | ${f0(opened.duringLint[k].ms)} ms | — |`);
    rows.push(`| … documentSymbol after the lint (outline from the worker) | ${f0(opened.symbolsAfterMs)} ms | — |`);
    rows.push(`| … first hover after the lint (answered by the worker, from its model) | ${f0(opened.hoverAfterMs)} ms | — |`);
    for (const k of ['definition', 'references', 'completion']) rows.push(`| … ${k} after the lint (${opened.afterLint[k].n} results) | ${f0(opened.afterLint[k].ms)} ms | — |`);
    rows.push(`| … documentSymbol sent beside them (the request thread stays free) | ${f0(opened.symbolsBesideMs)} ms | — |`);
  }
  return rows.join('\n');
}

export async function runLspBench({ inputs, edits = 60, only = ['edit', 'open'], prof, log = (m) => console.error(m) }) {
  const out = {};
  if (only.includes('edit')) out.edit = await benchEdits({ file: inputs['export-1mb'], edits, prof, log });
  if (only.includes('open')) out.open = await benchOpen({ file: inputs['export-20mb'], prof, log });
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : dflt;
  };
  const dir = join(here, 'out', 'inputs');
  const inputs = { 'export-1mb': join(dir, 'export-1mb.rsc'), 'export-20mb': join(dir, 'export-20mb.rsc') };
  const results = await runLspBench({ inputs, edits: Number(opt('edits', '60')), only: opt('only', 'edit,open').split(','), prof: opt('prof', undefined) });
  console.log(argv.includes('--json') ? JSON.stringify(results, null, 2) : lspTable(results));
}
