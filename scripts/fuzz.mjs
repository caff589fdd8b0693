#!/usr/bin/env node
/**
 * `npm run fuzz -- --minutes N [--seed S] [--bound-ms 5000]`: mutation fuzzing of the fixtures
 * through parse → model → all rules → every formatter, on the compiled packages (run `tsc -b`
 * first; `npm test`/`npm run build` do). The cases run in a worker; this thread is the watchdog:
 * a case that does not finish within 10× the time bound is a hang — the worker is terminated and
 * the input saved. Failing inputs go to .fuzz-out/ (gitignored). Exit code 1 on any failure.
 * See bench/fuzz-core.mjs for the mutations and what counts as a failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (isMainThread) {
  const argv = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : dflt;
  };
  const minutes = opt('minutes', 1);
  const seed = opt('seed', Date.now() % 1e9);
  const boundMs = opt('bound-ms', 5000);
  const outDir = join(root, '.fuzz-out');
  const deadline = Date.now() + minutes * 60_000;
  console.log(`fuzz: ${minutes} min, seed ${seed}, time bound ${boundMs} ms per case`);

  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { seed, deadline, boundMs } });
  let current;
  let lastBeat = Date.now();
  let failed = 0;
  const save = (name, bytes, note) => {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, `${name}.rsc`), bytes);
    writeFileSync(join(outDir, `${name}.txt`), note + '\n');
  };
  const watchdog = setInterval(() => {
    if (current && Date.now() - lastBeat > boundMs * 10) {
      failed++;
      save(`hang-${seed}-${current.i}`, current.bytes, `hang: no progress for ${Date.now() - lastBeat} ms\nseed file ${current.file}, mutations ${current.applied.join(', ')}`);
      console.error(`HANG on case ${current.i} (${current.file}; ${current.applied.join(', ')}); input saved to .fuzz-out/`);
      clearInterval(watchdog);
      void worker.terminate().then(() => process.exit(1));
    }
  }, 250);
  worker.on('message', (m) => {
    lastBeat = Date.now();
    if (m.type === 'case') current = m;
    else if (m.type === 'failure') {
      failed++;
      save(`fail-${seed}-${m.case}`, m.bytes, `${m.problems.join('\n')}\nseed file ${m.file}, mutations ${m.applied.join(', ')}, linted with ${m.other}`);
      console.error(`FAIL case ${m.case} (${m.file}; ${m.applied.join(', ')}):\n  ${m.problems.join('\n  ')}`);
    } else if (m.type === 'done') {
      clearInterval(watchdog);
      console.log(`fuzz: ${m.cases} cases, ${failed} failures${failed ? ' (inputs in .fuzz-out/)' : ''}`);
      process.exitCode = failed ? 1 : 0;
    }
  });
  worker.on('error', (err) => {
    clearInterval(watchdog);
    console.error(`fuzz worker crashed: ${err && err.stack ? err.stack : err}`);
    if (current) save(`crash-${seed}-${current.i}`, current.bytes, String(err && err.stack));
    process.exitCode = 1;
  });
} else {
  const { seed, deadline, boundMs } = workerData;
  const { parse } = await import(join(root, 'packages/parser/dist/index.js'));
  const { buildConfig, Linter } = await import(join(root, 'packages/core/dist/index.js'));
  const { builtinRules } = await import(join(root, 'packages/rules/dist/index.js'));
  const cli = await import(join(root, 'packages/cli/dist/index.js'));
  const { fuzzLoop, loadSeeds } = await import(join(root, 'bench/fuzz-core.mjs'));
  const formatters = cli.formatterNames().map((name) => ({ name, format: cli.getFormatter(name) }));
  const seeds = loadSeeds(join(root, 'fixtures'));
  const { cases } = fuzzLoop({ parse, buildConfig, Linter, builtinRules, formatters }, seeds, {
    seed,
    deadline,
    timeBoundMs: boundMs,
    maxFailures: 50,
    onCase: (i, input) => parentPort.postMessage({ type: 'case', i, file: input.file, applied: input.applied, bytes: input.bytes }),
    // Reported as they come, so that a later hang does not lose them.
    onFailure: (f) => parentPort.postMessage({ type: 'failure', ...f }),
  });
  parentPort.postMessage({ type: 'done', cases });
}
