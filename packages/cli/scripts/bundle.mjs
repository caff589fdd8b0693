#!/usr/bin/env node
// One-file build of the CLI (dist/roslint.bundle.cjs) so start-up reads one module instead of
// hundreds, and its V8 code cache (dist/roslint.bundle.cache, see bin/load-bundle.js); bin/roslint.js
// prefers the bundle while it is newer than dist/main.js. Run after `tsc -b` (the root build and
// prepare scripts do). Without esbuild installed (a production-only install), it says so and
// exits 0: the bin then runs dist/ directly.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUNDLE_FILE, CODE_CACHE_FILE, loadBundle, writeCodeCache } from '../bin/load-bundle.js';

const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const outfile = BUNDLE_FILE;

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('roslint bundle: esbuild is not installed; the CLI runs from dist/');
  process.exit(0);
}
// @roslint/schema reads its data file relative to its own module (`../data/schema.json.gz`);
// inside the bundle (packages/cli/dist/) the same file is `../../schema/data/schema.json.gz`.
const schemaDataPath = {
  name: 'schema-data-path',
  setup(build) {
    build.onLoad({ filter: /[\\/]schema[\\/]dist[\\/]data\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const moved = text.replace("new URL('../data/", "new URL('../../schema/data/");
      if (moved === text) throw new Error(`${args.path}: the data file URL changed; update scripts/bundle.mjs`);
      return { contents: moved, loader: 'js' };
    });
  },
};

// A cache of the previous bundle would only be rejected (bin/load-bundle.js checks a hash); dropping
// it first means a failed build leaves no cache rather than a useless one.
rmSync(CODE_CACHE_FILE, { force: true });
await esbuild.build({
  plugins: [schemaDataPath],
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  // CommonJS: V8 code caches (vm.Script cachedData) exist for scripts only, not for ES modules.
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // The sources are ES modules; give them the import.meta they use (their file's URL; resolve).
  define: { 'import.meta.url': '__roslintImportMetaUrl', 'import.meta.resolve': '__roslintImportMetaResolve' },
  banner: {
    js: [
      "const __roslintImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
      "const __roslintImportMetaResolve = (id) => require('node:url').pathToFileURL(require.resolve(id)).href;",
    ].join('\n'),
  },
});
console.log(`roslint bundle: ${outfile} (${Math.round(statSync(outfile).size / 1024)} KiB)`);

// The warm-up lints real exports (one with scripts, which need the full grammar) in both common
// output formats, so the cache also holds the functions a typical run compiles lazily.
const exportsDir = fileURLToPath(new URL('../../../fixtures/exports/', import.meta.url));
const WARM_UP = [
  ['--no-config', `${exportsDir}home-router-wg-server.rsc`],
  ['--no-config', '--format', 'json', `${exportsDir}pre710-rb5009-scripts.rsc`],
];
const loaded = loadBundle(outfile, CODE_CACHE_FILE);
const quiet = { stdout: () => {}, stderr: () => {}, readStdin: async () => new Uint8Array(), cwd: process.cwd(), env: {}, stdoutIsTTY: false };
for (const argv of WARM_UP) {
  let stderr = '';
  const code = await loaded.exports.main(argv, { ...quiet, stderr: (t) => (stderr += t) });
  if (code === 2) throw new Error(`the bundle's warm-up run failed: roslint ${argv.join(' ')}: ${stderr.trim()}`);
}
const bytes = writeCodeCache(loaded, CODE_CACHE_FILE);
console.log(`roslint bundle: ${CODE_CACHE_FILE} (${Math.round(bytes / 1024)} KiB)`);
