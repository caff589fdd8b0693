import { expect, it } from 'vitest';
import { Linter } from '@roslint/core';
import { wireguardRoutingRules } from '../index.js';

// Guards against per-peer scans of the whole route table (lookups are indexed by prefix length).
it('checks 20,000 peers with endpoints against 20,000 routes', () => {
  const n = 20000;
  const net = (i: number) => `${100 + (i >> 16)}.${(i >> 8) & 0xff}.${i & 0xff}`;
  const lines = ['/interface wireguard', 'add listen-port=13231 mtu=1420 name=wg0', '/ip address', 'add address=10.255.0.1/16 interface=wg0', 'add address=192.0.2.2/24 interface=ether1', '/interface wireguard peers'];
  for (let i = 0; i < n; i++) {
    lines.push(`add allowed-address=${net(i)}.0/24 endpoint-address=${net(i)}.1 endpoint-port=13231 persistent-keepalive=25s interface=wg0 public-key="k${i}"`);
  }
  lines.push('/ip route', 'add gateway=192.0.2.1');
  for (let i = 0; i < n; i++) lines.push(`add dst-address=${net(i)}.0/24 gateway=wg0`);
  // One endpoint has its own host route through the WAN.
  lines.push(`add dst-address=${net(7)}.1/32 gateway=192.0.2.1`);
  const text = lines.join('\n');
  const b0 = performance.now();
  new Linter({ rules: [] }).lintText(text, { file: "hub.rsc" });
  console.log(`parse + model alone: ${(performance.now() - b0).toFixed(0)} ms`);
  const t0 = performance.now();
  const r = new Linter({ rules: wireguardRoutingRules }).lintText(text, { file: 'hub.rsc' });
  const ms = performance.now() - t0;
  const loops = r.diagnostics.filter((d) => d.ruleId === 'wireguard/endpoint-via-tunnel');
  expect(loops).toHaveLength(n - 1);
  expect(r.diagnostics.filter((d) => d.ruleId !== 'wireguard/endpoint-via-tunnel')).toEqual([]);
  console.log(`20k peers with endpoints + 20k routes, all routing rules: ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(15000);
});
