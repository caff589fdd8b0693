#!/usr/bin/env node
// Loaded dynamically so that a broken install ends with one line on stderr, never a stack trace.
import('../dist/main.js').then(
  ({ main }) => main(process.argv.slice(2)),
  (err) => {
    process.stderr.write(`roslint-language-server: cannot start: ${err && err.message ? err.message.split('\n')[0] : err}\n`);
    process.exitCode = 2;
  },
);
