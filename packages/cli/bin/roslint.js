#!/usr/bin/env node
// Loaded dynamically so that even a broken install ends with one line on stderr and exit code 2,
// never a stack trace.
const fail = (err) => {
  const msg = err && err.message ? String(err.message).split('\n')[0] : String(err);
  process.stderr.write(`roslint: internal error: ${msg}\n`);
  process.exitCode = 2;
};

import('../dist/main.js').then(
  ({ main }) =>
    main(process.argv.slice(2)).then((code) => {
      process.exitCode = code;
    }, fail),
  fail,
);
