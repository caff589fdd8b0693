#!/usr/bin/env node
// One-file build of the CLI (dist/roslint.bundle.mjs) so start-up reads one module instead of
// hundreds; bin/roslint.js prefers it while it is newer than dist/main.js. Run after `tsc -b`
// (the root build and prepare scripts do). Without esbuild installed (a production-only
// install), it says so and exits 0: the bin then runs dist/ directly.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const outfile = fileURLToPath(new URL('../dist/roslint.bundle.mjs', import.meta.url));

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

await esbuild.build({
  plugins: [schemaDataPath],
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies call require(); give the ES module one.
  banner: { js: "import { createRequire as __roslintCreateRequire } from 'node:module'; const require = __roslintCreateRequire(import.meta.url);" },
});
console.log(`roslint bundle: ${outfile} (${Math.round(statSync(outfile).size / 1024)} KiB)`);
