#!/usr/bin/env node
// Fallback when /usr/bin/time is missing: run node with the given arguments and print the child's
// peak RSS (kB) on stderr's last line. resourceUsage() of a spawnSync child is not exposed, so the
// child reports its own maxRSS through an --import hook at exit.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const hook = join(tmpdir(), `roslint-rss-hook-${process.pid}.mjs`);
writeFileSync(hook, "process.on('exit', () => process.stderr.write(`\\n${process.resourceUsage().maxRSS}\\n`));\n");
const r = spawnSync(process.execPath, ['--import', hook, ...process.argv.slice(2)], { stdio: ['ignore', 'inherit', 'inherit'] });
process.exitCode = r.status ?? 2;
