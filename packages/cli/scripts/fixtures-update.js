#!/usr/bin/env node
// Writes `.expected.json` sidecars from the current lint output, for a human to review:
//   npm run fixtures:update -- fixtures/<area>/<name>.rsc [more files or directories…]
// A fixture with no diagnostics gets no sidecar (an existing one is removed). Files under
// fixtures/networks/<name>/ are linted together with the rest of their network.
// Needs a build (`npx tsc -b`); the npm script runs one first.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from '@roslint/core';
import { builtinRules } from '@roslint/rules';
import { findFixtureGroups, formatSidecar, lintFixtureGroup, sidecarPath } from '../dist/index.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const callerCwd = process.env.INIT_CWD ?? process.cwd();
const args = process.argv.slice(2);
if (args.length === 0) {
  process.stderr.write('usage: npm run fixtures:update -- <fixture.rsc|dir>…\n');
  process.exit(2);
}

const wanted = new Set();
for (const arg of args) {
  const rel = path.relative(repo, path.resolve(callerCwd, arg)).split(path.sep).join('/');
  const stat = await fs.stat(path.join(repo, rel)).catch(() => undefined);
  if (!stat) {
    process.stderr.write(`fixtures:update: no such file or directory: ${arg}\n`);
    process.exit(2);
  }
  if (stat.isDirectory()) for (const g of await findFixtureGroups(rel, repo)) g.files.forEach((f) => wanted.add(f));
  else wanted.add(rel);
}

// Lint each wanted file in the group the fixture test uses for it.
const groups = await findFixtureGroups('fixtures', repo);
const linter = new Linter({ rules: builtinRules });
for (const group of groups) {
  const targets = group.files.filter((f) => wanted.has(f));
  if (targets.length === 0) continue;
  const actual = await lintFixtureGroup(linter, group, repo);
  for (const file of targets) {
    const list = actual.get(file) ?? [];
    const sidecar = path.join(repo, sidecarPath(file));
    if (list.length === 0) {
      const removed = await fs.rm(sidecar).then(() => true, () => false);
      process.stdout.write(`${file}: no diagnostics${removed ? ` (removed ${sidecarPath(file)})` : ''}\n`);
    } else {
      await fs.writeFile(sidecar, formatSidecar(list));
      process.stdout.write(`${file}: wrote ${sidecarPath(file)} (${list.length} diagnostic${list.length === 1 ? '' : 's'}) — review it before committing\n`);
    }
    wanted.delete(file);
  }
}
for (const file of wanted) {
  process.stderr.write(`fixtures:update: ${file} is not a fixture (a .rsc file under fixtures/)\n`);
  process.exitCode = 2;
}
