#!/usr/bin/env node
/**
 * `npm run bench`: whole-process timings of `roslint --format json` on the generated inputs.
 *
 * For each input: median wall time of N runs (default 5), MB/s, peak RSS of the child (from
 * `/usr/bin/time -f %M` when present, else a node wrapper that reports the grandchild's maxRSS),
 * the floor program's median time (bench/floor.mjs) and the ratio. Prints a markdown table with the
 * targets of issue 8 and writes it to bench/out/results.md.
 *
 *   node bench/run.mjs [--runs 5] [--only 20mb,network] [--no-network] [--no-lsp] [--bin bench/proto-cli.mjs] [--out results.md]
 *
 * Then the language-server section (bench/lsp.mjs; `--only lsp` runs just that).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeInputs } from './generate.mjs';
import { lspTable, runLspBench } from './lsp.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const argvEarly = process.argv.slice(2);
const binAt = argvEarly.indexOf('--bin');
// `--bin bench/proto-cli.mjs` measures a prototype bundle (bench/proto-bundle.mjs) with the same harness.
const bin = binAt >= 0 ? join(process.cwd(), argvEarly[binAt + 1]) : join(root, 'packages/cli/bin/roslint.js');
const floor = join(here, 'floor.mjs');
const outDir = join(here, 'out');

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const runs = Number(opt('runs', '5'));
const only = opt('only', '')?.split(',').filter(Boolean) ?? [];
const wanted = (name) => only.length === 0 || only.some((o) => name.includes(o));

const haveTime = existsSync('/usr/bin/time');
const rssWrapper = join(here, 'rss-wrapper.mjs');

/** One whole-process run: wall ms (measured here, around the child) and the child's peak RSS in MB. */
function runOnce(args) {
  const t0 = performance.now();
  const r = haveTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
    : spawnSync(process.execPath, [rssWrapper, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  const lines = r.stderr.trim().split('\n');
  const kb = Number(lines[lines.length - 1]);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { ms, rssMb: kb / 1024 };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(args, n = runs) {
  const all = [];
  for (let i = 0; i < n; i++) all.push(runOnce(args));
  return { ms: median(all.map((r) => r.ms)), rssMb: Math.max(...all.map((r) => r.rssMb)) };
}

function sizeOf(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, f) => n + statSync(join(path, f)).size, 0);
}

const inputs = writeInputs(join(outDir, 'inputs'));
const rows = [];
const results = {};
const fmt = (x, d = 0) => x.toFixed(d);

for (const [name, path] of Object.entries(inputs)) {
  if (!wanted(name)) continue;
  if (name === 'network' && argv.includes('--no-network')) continue;
  const bytes = sizeOf(path);
  const r = measure([bin, '--format', 'json', path], name === 'network' ? Math.min(runs, 3) : runs);
  const f = name === 'network' ? undefined : measure([floor, path]);
  results[name] = { ...r, bytes, floorMs: f?.ms };
  const mbs = bytes / 1e6 / (r.ms / 1000);
  console.error(`${name}: ${fmt(r.ms)} ms, ${fmt(mbs, 1)} MB/s, ${fmt(r.rssMb)} MB RSS${f ? `, floor ${fmt(f.ms)} ms` : ''}`);
}

// Start-up: an empty file through the CLI vs. node doing nothing.
const empty = join(outDir, 'inputs', 'empty.rsc');
writeFileSync(empty, '');
const startup = wanted('startup') ? measure([bin, '--format', 'json', empty]) : undefined;
const nodeOnly = wanted('startup') ? measure(['-e', '0']) : undefined;

const target = {
  'small-5kb': '≤ 200 ms',
  'export-1mb': '—',
  'export-2mb': '—',
  'export-5mb': '—',
  'export-20mb': '≥ 20 MB/s (≤ 1.0 s), ratio ≤ 8, RSS ≤ 400 MB',
  network: '≤ 5 s (both cores)',
};
const table = [
  '| input | size | roslint (median) | MB/s | peak RSS | floor | ratio | target |',
  '|---|---:|---:|---:|---:|---:|---:|---|',
];
for (const [name, r] of Object.entries(results)) {
  const mb = r.bytes / 1e6;
  table.push(
    `| ${name === 'network' ? 'network, 1,000 files' : name} | ${fmt(mb, mb < 0.1 ? 3 : 1)} MB | ${fmt(r.ms)} ms | ${fmt(mb / (r.ms / 1000), 1)} | ${fmt(r.rssMb)} MB | ${r.floorMs ? `${fmt(r.floorMs)} ms` : '—'} | ${r.floorMs ? fmt(r.ms / r.floorMs, 1) : '—'} | ${target[name] ?? ''} |`,
  );
}
if (results['export-20mb'] && results['export-2mb'])
  table.push(`| growth time(20 MB)/time(2 MB) | | ${fmt(results['export-20mb'].ms / results['export-2mb'].ms, 1)} | | | | | ≤ 11 |`);
if (startup && nodeOnly)
  table.push(`| start-up (empty file) | 0 | ${fmt(startup.ms)} ms | | ${fmt(startup.rssMb)} MB | node -e 0: ${fmt(nodeOnly.ms)} ms | | |`);

const machine = `${binAt >= 0 ? `bin: ${argvEarly[binAt + 1]}; ` : ''}${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, node ${process.version}; median of ${runs} runs (network: ${Math.min(runs, 3)}); RSS via ${haveTime ? '/usr/bin/time' : 'node wrapper'}`;
// Language server (bench/lsp.mjs): its own small table, same inputs.
const lsp = wanted('lsp') && !argv.includes('--no-lsp') ? lspTable(await runLspBench({ inputs })) : undefined;
const md = `${table.join('\n')}\n\n${machine}\n${lsp ? `\n${lsp}\n` : ''}`;
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, opt('out', 'results.md')), md);
console.log(md);
