#!/usr/bin/env node
/**
 * Prototype bundle for measuring a proposed change in code this bench does not own: bundles the
 * CLI (packages/cli/dist/main.js, like scripts/bundle.mjs) to bench/out/roslint-proto.mjs while
 * rewriting named snippets of compiled modules. Used to put numbers on proposals in the report.
 *
 *   node bench/proto-bundle.mjs <patch-name>...   (patches below)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

// esbuild is a devDependency of @roslint/cli (installed under packages/cli/node_modules).
const esbuild = createRequire(new URL('../packages/cli/package.json', import.meta.url))('esbuild');

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaData = pathToFileURL(`${root}packages/schema/data/`).href;

/** name → [file suffix, text to find, replacement] */
const PATCHES = {
  // analysis/firewall: sort each address list once instead of on every membership question.
  'sorted-address-lists': [
    'analysis/firewall/packet.js',
    'const sorted = [...of].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));',
    'let sorted = SORTED.get(of); if (sorted === undefined || sorted.length !== of.length) { sorted = [...of].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0)); SORTED.set(of, sorted); }',
    'const SORTED = new WeakMap();\n',
  ],
};

const wanted = process.argv.slice(2);
for (const w of wanted) if (!PATCHES[w]) throw new Error(`unknown patch ${w}; known: ${Object.keys(PATCHES).join(', ')}`);

const plugin = {
  name: 'proto-patches',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      const file = args.path.replace(/\\/g, '/');
      let text = readFileSync(args.path, 'utf8');
      let changed = false;
      if (file.endsWith('schema/dist/data.js')) {
        text = text.replace("new URL('../data/", `new URL('${schemaData}`);
        changed = true;
      }
      for (const w of wanted) {
        const [suffix, find, replace, prelude = ''] = PATCHES[w];
        if (!file.endsWith(suffix)) continue;
        if (!text.includes(find)) throw new Error(`${w}: snippet not found in ${file}`);
        text = prelude + text.replace(find, replace);
        changed = true;
      }
      return changed ? { contents: text, loader: 'js' } : undefined;
    });
  },
};

const outfile = `${root}bench/out/roslint-proto.mjs`;
await esbuild.build({
  plugins: [plugin],
  entryPoints: [`${root}packages/cli/dist/main.js`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __rcr } from 'node:module'; const require = __rcr(import.meta.url);" },
});
console.log(`prototype bundle with [${wanted.join(', ')}]: ${outfile}`);
