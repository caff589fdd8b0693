#!/usr/bin/env node
/**
 * Where the time of one lint goes, per stage and per rule, in-process and from the TypeScript
 * sources (bundled on the fly with esbuild, so no `tsc -b` is needed and parallel work on the tree
 * cannot race a shared dist/).
 *
 *   node bench/stages.mjs <file.rsc | dir> [--runs 3] [--gc]
 *
 * Prints, for the last of `runs` warm runs: parse, model, each router rule, network rules, finish
 * (ms), and heap after the lint. `--gc` (needs `node --expose-gc`) collects before each run.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// esbuild is a dev dependency of the CLI package (it builds the CLI bundle).
const { build } = createRequire(join(root, 'packages/cli/package.json'))('esbuild');
const entry = `
export { parse } from '@roslint/parser';
export { buildConfig, Linter } from '@roslint/core';
export { builtinRules } from '@roslint/rules';
`;
const alias = {
  '@roslint/parser': join(root, 'packages/parser/src/index.ts'),
  '@roslint/schema': join(root, 'packages/schema/src/index.ts'),
  '@roslint/core': join(root, 'packages/core/src/index.ts'),
  '@roslint/rules': join(root, 'rules/index.ts'),
};
const dir = mkdtempSync(join(tmpdir(), 'roslint-stages-'));
const outfile = join(dir, 'stages.mjs');
await build({
  stdin: { contents: entry, resolveDir: root, loader: 'js' },
  bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, alias, logLevel: 'error',
  // The schema package reads its data file relative to its own module.
  plugins: [{
    name: 'schema-data',
    setup(b) {
      b.onLoad({ filter: /[\\/]schema[\\/]src[\\/]data\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8').replace("new URL('../data/", `new URL('${pathToFileURL(join(root, 'packages/schema/data')).href}/`);
        return { contents: text, loader: 'ts' };
      });
    },
  }],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const m = await import(pathToFileURL(outfile).href);
rmSync(dir, { recursive: true, force: true });

const args = process.argv.slice(2);
const target = args.find((a) => !a.startsWith('--'));
if (!target) {
  console.error('usage: node bench/stages.mjs <file.rsc | dir> [--runs 3] [--gc]');
  process.exit(2);
}
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const files = statSync(target).isDirectory()
  ? readdirSync(target).sort().map((f) => join(target, f))
  : [target];
const inputs = files.map((file) => ({ file, content: readFileSync(file, 'utf8') }));
const mb = inputs.reduce((n, i) => n + i.content.length, 0) / 1e6;

const times = new Map();
const add = (k, ms) => times.set(k, (times.get(k) ?? 0) + ms);
// Wrap every rule's check so its time is attributed to it (analyses it triggers first count there).
const rules = m.builtinRules.map((r) => ({
  ...r,
  check(ctx) {
    const t = performance.now();
    try { return r.check(ctx); } finally { add(`rule ${r.meta.id}`, performance.now() - t); }
  },
}));

for (let run = 0; run < runs; run++) {
  times.clear();
  if (args.includes('--gc') && globalThis.gc) globalThis.gc();
  // Parse and model alone (the linter repeats them; this isolates their cost).
  for (const { file, content } of inputs) {
    let t = performance.now();
    const parsed = m.parse(content, { file });
    add('parse', performance.now() - t);
    t = performance.now();
    m.buildConfig(parsed, { file });
    add('model', performance.now() - t);
  }
  const linter = new m.Linter({ rules });
  const t = performance.now();
  const results = inputs.length === 1
    ? [linter.lintText(inputs[0].content, { file: inputs[0].file })]
    : linter.lintMany(inputs, {});
  add('TOTAL lint (parse+model+rules+finish)', performance.now() - t);
  if (run === runs - 1) {
    const n = results.reduce((k, r) => k + r.diagnostics.length, 0);
    console.log(`${files.length} file(s), ${mb.toFixed(1)} MB, ${n} diagnostics, run ${run + 1}/${runs}`);
    const rows = [...times].sort((a, b) => b[1] - a[1]);
    for (const [k, v] of rows) if (v >= 1) console.log(`${v.toFixed(0).padStart(8)} ms  ${k}`);
    const mu = process.memoryUsage();
    console.log(`heap used ${(mu.heapUsed / 1048576).toFixed(0)} MB, rss ${(mu.rss / 1048576).toFixed(0)} MB (results still alive)`);
  }
}
