// Bundles the extension (CommonJS, as VS Code loads it) and the language server (ESM, with the
// schema data and rule docs next to it) so the .vsix needs no runtime node_modules.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const at = (...p) => path.join(here, ...p);

rmSync(at('dist'), { recursive: true, force: true });
await esbuild.build({
  entryPoints: [at('src/extension.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  outfile: at('dist/extension.cjs'),
  minify: true,
  logLevel: 'warning',
});
// The server and its lint worker (loaded as ./lint-worker.mjs next to it).
for (const [entry, out] of [['main-bin.ts', 'server.mjs'], ['lint-worker.mts', 'lint-worker.mjs']]) {
  await esbuild.build({
    entryPoints: [path.join(repo, 'packages/language-server/src', entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node18',
    outfile: at('dist', out),
    // Bundled CommonJS dependencies call require(); give ESM one.
    banner: { js: "import { createRequire as __roslintRequire } from 'node:module'; const require = __roslintRequire(import.meta.url);" },
    minify: true,
    logLevel: 'warning',
  });
}

// The schema loads `../data/schema.json.gz` relative to the bundle.
mkdirSync(at('data'), { recursive: true });
cpSync(path.join(repo, 'packages/schema/data/schema.json.gz'), at('data/schema.json.gz'));

// Rule docs: rules/<category>/<name>.md, linked from every diagnostic.
rmSync(at('rules'), { recursive: true, force: true });
for (const category of readdirSync(path.join(repo, 'rules'))) {
  const dir = path.join(repo, 'rules', category);
  if (!statSync(dir).isDirectory() || category === 'dist' || category === 'node_modules') continue;
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.md')) {
      mkdirSync(at('rules', category), { recursive: true });
      cpSync(path.join(dir, file), at('rules', category, file));
    }
  }
}
console.log('built dist/extension.cjs, dist/server.mjs, dist/lint-worker.mjs, data/, rules/');
