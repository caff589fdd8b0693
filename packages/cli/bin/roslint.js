#!/usr/bin/env node
// Loaded dynamically so that even a broken install ends with one line on stderr and exit code 2,
// never a stack trace. Prefers the one-file bundle (fast start-up; loaded with its V8 code cache by
// load-bundle.js) while it is at least as new as every workspace package it was built from (a
// `tsc -b` of parser, core, rules… after the last bundle means the bundle is stale); else runs
// dist/. In a packed install only the bundle (and its cache) exists.
import { statSync } from 'node:fs';

const fail = (err) => {
  const msg = err && err.message ? String(err.message).split('\n')[0] : String(err);
  process.stderr.write(`roslint: internal error: ${msg}\n`);
  process.exitCode = 2;
};

const mtime = (rel) => {
  try {
    return statSync(new URL(rel, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundle = mtime('../dist/roslint.bundle.cjs');
const builtFrom = [
  '../dist/main.js',
  '../dist/.tsbuildinfo',
  '../../parser/dist/.tsbuildinfo',
  '../../schema/dist/.tsbuildinfo',
  '../../core/dist/.tsbuildinfo',
  '../../rules/dist/.tsbuildinfo',
];
const fresh = bundle >= 0 && builtFrom.every((rel) => bundle >= mtime(rel));
const cli = fresh ? import('./load-bundle.js').then(({ loadBundle }) => loadBundle().exports) : import('../dist/main.js');

cli.then(
  ({ main }) =>
    main(process.argv.slice(2)).then((code) => {
      process.exitCode = code;
    }, fail),
  fail,
);
