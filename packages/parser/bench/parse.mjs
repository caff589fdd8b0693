// Parser throughput on a generated compact export: `npm run bench -w @roslint/parser` (builds first).
// Prints wall-clock and process-CPU MB/s (CPU time is steadier on a shared machine).
import { parse } from '../dist/index.js';
import { keyPool, singleExport } from '../../../bench/generate.mjs';

const MB = Number(process.argv[2] ?? 5);
// The same realistic compact export the whole-process benchmark uses (bench/generate.mjs).
const text = singleExport(MB * 1e6, keyPool(64, 0xbeef));
for (let run = 0; run < 6; run++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = parse(text);
  const wall = performance.now() - t0;
  const cu = process.cpuUsage(c0);
  const cpu = (cu.user + cu.system) / 1000;
  const mb = text.length / 1e6;
  console.log(`run ${run}: ${mb.toFixed(2)} MB, ${r.script.body.length} statements: ${wall.toFixed(0)} ms wall = ${(mb / (wall / 1000)).toFixed(1)} MB/s; ${(mb / (cpu / 1000)).toFixed(1)} MB/s CPU`);
}
