// Parse time of every .rsc file in a directory (e.g. bench/out/inputs/network-1000), from dist/:
//
//   node packages/parser/bench/files.mjs <dir> [--rounds 12] [--against <another parser dist/>]
//
// Each round parses all files (streamed, like the CLI) and takes the process CPU time, which is
// steadier than wall time on a shared machine. `--against`: an A/B in one process, each round runs
// both builds (order alternating), so both see the same machine load; prints the median ratio B/A.
//
// Expect two modes from one process to the next: ~0.6–0.9 ms per network router, or 2–3 ms when V8
// decides early on to pretenure some of the parser's allocation sites (old-space allocation and
// mark-compacts; `--trace-pretenuring-statistics` shows it). `node --no-allocation-site-pretenuring`
// removes that mode for A/B work.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args.splice(i, 2)[1];
};
const rounds = Number(option('--rounds', 12));
const against = option('--against', undefined);
const dir = args[0];
if (!dir) {
  console.error('usage: node packages/parser/bench/files.mjs <dir> [--rounds N] [--against <parser dist/>]');
  process.exit(2);
}
const load = async (dist) => (await import(pathToFileURL(join(resolve(dist), 'index.js')).href)).parse;
const builds = against ? [['A', await load(against)], ['B', await load(new URL('../dist/', import.meta.url).pathname)]] : [['', await load(new URL('../dist/', import.meta.url).pathname)]];
const texts = readdirSync(dir).filter((f) => f.endsWith('.rsc')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
const mb = texts.reduce((n, t) => n + t.length, 0) / 1e6;

const pass = (parse) => {
  const c0 = process.cpuUsage();
  for (const t of texts) parse(t, { onStatement: () => {} });
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const times = builds.map(() => []);
const ratios = [];
for (let r = 0; r < rounds + 2; r++) {
  const order = r % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
  const t = [];
  for (const k of order) t[k] = pass(builds[k][1]);
  if (r < 2) continue; // warm-up
  t.forEach((ms, k) => times[k].push(ms));
  if (t.length === 2) ratios.push(t[1] / t[0]);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [k, [name]] of builds.entries()) {
  const med = median(times[k]);
  const min = Math.min(...times[k]);
  console.log(`${name ? name + ': ' : ''}${texts.length} files, ${mb.toFixed(1)} MB: median ${med.toFixed(0)} ms (${(med / texts.length).toFixed(3)} ms/file, ${(mb / (med / 1000)).toFixed(1)} MB/s), min ${min.toFixed(0)} ms`);
}
if (ratios.length) console.log(`B/A median ${median(ratios).toFixed(3)} (B = this build, A = ${against})`);
