// Parser throughput on a generated compact export: `npm run bench -w @roslint/parser` (builds first).
// Prints wall-clock and process-CPU MB/s (CPU time is steadier on a shared machine).
import { parse } from '../dist/index.js';

const MB = Number(process.argv[2] ?? 5);
const out = ['# 2024-03-25 05:19:33 by RouterOS 7.14.1', '# software id = KNSD-I8YY', '#'];
let size = 0;
for (let i = 0; size < MB * 1e6; i++) {
  const block = [
    '/ip firewall filter',
    `add action=accept chain=input comment="allow wg ${i}" connection-state=established,related \\`,
    `    dst-port=${1000 + (i % 5000)} in-interface-list=!LAN protocol=udp src-address=10.${i % 250}.0.0/16`,
    '/interface wireguard peers',
    `add allowed-address=10.0.${i % 250}.2/32,fd00::${i % 9999}/128 endpoint-address=vpn${i}.example.net endpoint-port=13231 \\`,
    `    interface=wg1 persistent-keepalive=25s public-key=\\`,
    `    "tcwVmGxZk1f00BQ7gQOEiaEj96I6VzJnL5TidjTwr2k="`,
    '/interface ethernet',
    `set [ find default-name=ether${i % 8} ] comment="port \\"${i}\\"" disabled=no`,
  ];
  for (const l of block) size += l.length + 2;
  out.push(...block);
}
const text = out.join('\r\n') + '\r\n';
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
