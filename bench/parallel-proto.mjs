#!/usr/bin/env node
/**
 * Prototype for the 1,000-file network: how much do worker threads buy on this machine?
 *
 * `serial`: one thread reads and lints every file with Linter.lintMany (what the CLI does).
 * `workers`: each of W worker threads lints its share of the files (parse → model → router rules,
 * network rules within its share only), in parallel. This is the upper bound of a design where
 * workers build the per-file models and only a compact, serialisable network summary (WireGuard
 * interfaces, peers, keys, addresses) goes back to the main thread for the cross-router rules —
 * the network rules themselves cost ~1 s of the 1,000-file run (measured separately with --cpu-prof).
 *
 *   node bench/parallel-proto.mjs [dir] [workers=2]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function lintFiles(files) {
  const { Linter } = await import(join(root, 'packages/core/dist/index.js'));
  const { builtinRules } = await import(join(root, 'rules/dist/index.js'));
  const inputs = files.map((file) => ({ file, content: new Uint8Array(readFileSync(file)) }));
  const results = new Linter({ rules: builtinRules }).lintMany(inputs, {});
  return results.reduce((n, r) => n + r.diagnostics.length, 0);
}

if (isMainThread) {
  const dir = process.argv[2] ?? join(root, 'bench/out/inputs/network-1000');
  const W = Number(process.argv[3] ?? 2);
  const files = readdirSync(dir).filter((f) => f.endsWith('.rsc')).sort().map((f) => join(dir, f));
  let t = performance.now();
  const serial = await lintFiles(files);
  const serialMs = performance.now() - t;
  t = performance.now();
  const shares = Array.from({ length: W }, (_, i) => files.filter((_, j) => j % W === i));
  const counts = await Promise.all(
    shares.map(
      (share) =>
        new Promise((resolve, reject) => {
          const w = new Worker(fileURLToPath(import.meta.url), { workerData: share });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  const parallelMs = performance.now() - t;
  console.log(`${files.length} files: serial ${(serialMs / 1000).toFixed(1)} s (${serial} diagnostics); ${W} workers ${(parallelMs / 1000).toFixed(1)} s (${counts.join('+')} diagnostics); speed-up ${(serialMs / parallelMs).toFixed(2)}×`);
} else {
  parentPort.postMessage(await lintFiles(workerData));
}
