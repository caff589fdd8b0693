#!/usr/bin/env node
// Loaded dynamically so that even a broken install ends with one line on stderr and exit code 2,
// never a stack trace. Prefers the one-file bundle (fast start-up) while it is at least as new as
// dist/main.js (a `tsc -b` after the last bundle means the bundle is stale); else runs dist/.
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
const bundle = mtime('../dist/roslint.bundle.mjs');
const entry = bundle >= 0 && bundle >= mtime('../dist/main.js') ? '../dist/roslint.bundle.mjs' : '../dist/main.js';

import(entry).then(
  ({ main }) =>
    main(process.argv.slice(2)).then((code) => {
      process.exitCode = code;
    }, fail),
  fail,
);
