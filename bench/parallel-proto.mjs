#!/usr/bin/env node
/**
 * The 1,000-file network, one thread vs. worker threads (build first: `npx tsc -b`).
 *
 * `serial`: Linter.lintMany in this thread. `workers`: lintManyInWorkers (core/linter/parallel.ts)
 * with W worker threads besides this one (this script is the worker module), what the CLI does for
 * networks of ≥ 16 files. Prints wall time, this process's CPU time, the network rules' share
 * (they run on the main thread, after every file is prepared: the serial part) and checks that
 * both give the same diagnostics. Each mode runs in a process of its own (a warm JIT from one run
 * would flatter the next).
 *
 *   node bench/parallel-proto.mjs [dir] [workers=cores−1]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = await import(join(root, 'packages/core/dist/index.js'));
const { builtinRules } = await import(join(root, 'packages/rules/dist/index.js'));

if (!isMainThread) {
  core.serveLintWorker(parentPort, builtinRules);
} else {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const dir = args[0] ?? join(root, 'bench/out/inputs/network-1000');
  const W = Number(args[1] ?? availableParallelism() - 1);
  const files = readdirSync(dir).filter((f) => /\.(rsc|conf)$/.test(f)).sort().map((f) => join(dir, f));
  const inputs = files.map((file) => ({ file, content: new Uint8Array(readFileSync(file)) }));
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const digest = (results) => JSON.stringify(results.map((r) => r.diagnostics));

  /** Time a lint, and the network rules within it. */
  async function timed(run) {
    const linter = new core.Linter({ rules: builtinRules });
    const runNetworkRules = linter.runNetworkRules.bind(linter);
    let networkMs = 0;
    linter.runNetworkRules = (states, options) => {
      const t = performance.now();
      runNetworkRules(states, options);
      networkMs = performance.now() - t;
    };
    const t = performance.now();
    const c = cpu();
    const results = await run(linter);
    return { ms: performance.now() - t, cpuMs: cpu() - c, networkMs, results };
  }

  const show = (r) =>
    `${(r.ms / 1000).toFixed(1)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s CPU (all threads), network rules ${(r.networkMs / 1000).toFixed(1)} s`;
  const mode = process.argv.find((a) => a.startsWith('--mode='))?.slice(7);
  if (mode === 'workers' || mode === 'serial') {
    const r =
      mode === 'workers'
        ? await timed((linter) => core.lintManyInWorkers(linter, inputs, {}, { url: new URL(import.meta.url), count: W }))
        : await timed((linter) => linter.lintMany(inputs, {}));
    process.stdout.write(JSON.stringify({ line: show(r), ms: r.ms, digest: digest(r.results) }));
  } else {
    const { execFileSync } = await import('node:child_process');
    const run = (m) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), dir, String(W), `--mode=${m}`], { encoding: 'utf8', maxBuffer: 1 << 30 }));
    const serial = run('serial');
    console.log(`${files.length} files, one thread: ${serial.line}`);
    const parallel = run('workers');
    console.log(`${files.length} files, ${W} worker thread(s) + main: ${parallel.line}`);
    console.log(`speed-up ${(serial.ms / parallel.ms).toFixed(2)}×; same diagnostics: ${serial.digest === parallel.digest}`);
  }
}
