import { expect, it } from 'vitest';
import { Linter } from '@roslint/core';
import { wireguardMissingRoute } from '../missing-route.js';

// Guards against a quadratic peer × route scan (that took ~17 s here; indexed it takes well under 1 s).
it('handles a hub with 20,000 routed peers and 20,000 routes', () => {
  const lines = ['/interface wireguard', 'add listen-port=13231 mtu=1420 name=wg0', '/ip address', 'add address=10.255.0.1/16 interface=wg0', '/interface wireguard peers'];
  const n = 20000;
  const net = (i: number) => `10.${(i >> 8) & 0xff}.${i & 0xff}.0/24`.replace(/^10\./, `${100 + (i >> 16)}.`);
  for (let i = 0; i < n; i++) lines.push(`add allowed-address=${net(i)} interface=wg0 public-key="k${i}"`);
  lines.push('/ip route');
  // Every peer routed except the last one.
  for (let i = 0; i < n - 1; i++) lines.push(`add dst-address=${net(i)} gateway=wg0`);
  const text = lines.join('\n');
  const base = performance.now();
  new Linter({ rules: [] }).lintText(text, { file: "hub.rsc" });
  console.log(`parse + model alone: ${(performance.now() - base).toFixed(0)} ms`);
  const linter = new Linter({ rules: [wireguardMissingRoute] });
  const t0 = performance.now();
  const r = linter.lintText(text, { file: 'hub.rsc' });
  const ms = performance.now() - t0;
  expect(r.diagnostics.map((d) => text.slice(d.range.start.offset, d.range.end.offset))).toEqual([net(n - 1)]);
  console.log(`20k peers + 20k routes: ${ms.toFixed(0)} ms (parse + model + rule)`);
  expect(ms).toBeLessThan(10000);
});
