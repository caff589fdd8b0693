#!/usr/bin/env node
// The floor: what any tool must pay to look at every token — start node, read the file, split it
// into tokens with one regular expression (quoted strings with escapes, else runs of non-space).
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2], 'utf8');
let tokens = 0;
for (const _ of text.matchAll(/"(?:[^"\\]|\\[\s\S])*"|[^\s"]+/g)) tokens++;
process.stdout.write(`${tokens}\n`);
