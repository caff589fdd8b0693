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

// Dependencies whose set-up on load costs every start time that few runs need: ip-num builds
// constant address ranges (~12 ms of CPU) and is asked only about IPv6 forms with a dotted tail;
// @noble/curves precomputes tables and probes the random source (~8 ms) and only derives WireGuard
// public keys. In the bundle, the one module importing each gets a stand-in whose exports load the
// package on first use (a Proxy forwarding every property). Each entry lists the names that module
// imports; the build fails when its import changes, so no import goes unnoticed.
const LAZY_DEPENDENCIES = [
  { specifier: 'ip-num', importer: /[\\/]core[\\/]dist[\\/]analysis[\\/]prefix\.js$/, names: ['Validator'] },
  { specifier: '@noble/curves/ed25519.js', importer: /[\\/]core[\\/]dist[\\/]analysis[\\/]keys\.js$/, names: ['x25519'] },
];
const importedNames = (text, specifier) =>
  [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)]
    .filter((m) => m[2] === specifier)
    .flatMap((m) => m[1].split(',').map((n) => n.trim()).filter(Boolean));
const lazyDependencies = {
  name: 'lazy-dependencies',
  setup(build) {
    for (const dep of LAZY_DEPENDENCIES) {
      build.onLoad({ filter: dep.importer }, (args) => {
        const names = importedNames(readFileSync(args.path, 'utf8'), dep.specifier);
        if (names.join() !== dep.names.join()) {
          throw new Error(`${args.path} imports {${names.join(', ')}} from ${dep.specifier}; update LAZY_DEPENDENCIES in scripts/bundle.mjs`);
        }
        return undefined;
      });
    }
    // `import { x } from 'dep'` in the importer → the stand-in, which requires a module that
    // re-exports just those names (so the rest of the package is still left out of the bundle).
    build.onResolve({ filter: /.*/ }, (args) => {
      const dep = LAZY_DEPENDENCIES.find((d) => d.specifier === args.path && d.importer.test(args.importer));
      return dep && args.namespace === 'file' ? { path: dep.specifier, namespace: 'lazy-stand-in', pluginData: { dep, resolveDir: args.resolveDir } } : undefined;
    });
    build.onResolve({ filter: /.*/, namespace: 'lazy-stand-in' }, (args) => ({ path: args.path, namespace: 'lazy-exports', pluginData: args.pluginData }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-stand-in' }, ({ pluginData: { dep, resolveDir } }) => ({
      contents: [
        `let loaded;`,
        `const load = () => (loaded ??= require(${JSON.stringify(dep.specifier)}));`,
        ...dep.names.map((n) => `export const ${n} = new Proxy({}, { get: (_, key) => Reflect.get(load().${n}, key) });`),
      ].join('\n'),
      resolveDir,
      pluginData: { dep, resolveDir },
      loader: 'js',
    }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-exports' }, ({ pluginData: { dep, resolveDir } }) => ({
      contents: `export { ${dep.names.join(', ')} } from ${JSON.stringify(dep.specifier)};`,
      resolveDir,
      loader: 'js',
    }));
  },
};

// A cache of the previous bundle would only be rejected (bin/load-bundle.js checks a hash); dropping
// it first means a failed build leaves no cache rather than a useless one. Earlier builds made an
// ES module bundle (roslint.bundle.mjs) that nothing uses now: removed so no script runs a stale one.
rmSync(CODE_CACHE_FILE, { force: true });
rmSync(fileURLToPath(new URL('../dist/roslint.bundle.mjs', import.meta.url)), { force: true });
await esbuild.build({
  plugins: [schemaDataPath, lazyDependencies],
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
  define: {
    'import.meta.url': '__roslintImportMetaUrl',
    'import.meta.resolve': '__roslintImportMetaResolve',
    // Worker threads start from bin/bundle-worker.js, which loads this bundle with its code cache.
    ROSLINT_BUNDLE_WORKER_ENTRY: JSON.stringify('../bin/bundle-worker.js'),
  },
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
  // Not fatal: the cache is still good for what did run (a bundle that cannot load at all has
  // already failed the build in loadBundle).
  if (code === 2) console.warn(`roslint bundle: warm-up run failed (exit code 2): roslint ${argv.join(' ')}: ${stderr.trim()}`);
}
const bytes = writeCodeCache(loaded, CODE_CACHE_FILE);
console.log(`roslint bundle: ${CODE_CACHE_FILE} (${Math.round(bytes / 1024)} KiB)`);
