/**
 * Filter rules read in one pass and matchers parsed once per rule (filter-rules.ts, matchers.ts)
 * must give exactly the rules and rule matches of the read-and-parse-every-time code
 * (firewall-walk-legacy.ts), so that the unchanged chain walk takes the same paths: random filter
 * tables with interface and address lists, asked about random packets.
 */
import { describe, expect, it } from 'vitest';
import { rng as seeded } from '../../../bench/generate.mjs';
import type { IpFamily } from '../src/analysis/prefix.js';
import { evaluateChain } from '../src/analysis/firewall/chain-walk.js';
import { filterTable } from '../src/analysis/firewall/filter-rules.js';
import { matchRule, matchValue } from '../src/analysis/firewall/matchers.js';
import { type PacketDescription, anyAddress, nonLoopback } from '../src/analysis/firewall/packet.js';
import * as legacy from './firewall-walk-legacy.js';
import { build } from './model-helpers.js';

/** Deterministic PRNG (the benchmark generator's mulberry32) so a failure replays. */
const rng = (seed: number): (() => number) => seeded(seed).next;
type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const HEADER = '# 2025-02-11 08:30:02 by RouterOS 7.18\n# software id = Q4WB-8ZJ1\n';
const IFACES = ['ether1', 'ether2', 'bridge', 'wg0'];
const CHAINS = ['input', 'forward', 'custom1', 'custom2'];

const MATCHERS: Record<string, Record<IpFamily, readonly string[]>> = {
  protocol: { 4: ['udp', 'tcp', '17', 'icmp', 'gre', 'bogus', '300'], 6: ['udp', 'tcp', 'icmpv6', '58'] },
  'src-address': { 4: ['10.0.0.0/8', '10.0.0.1', '10.0.0.1-10.0.0.9', '192.168.0.0/16,10.1.0.0/16', '0.0.0.0/0', 'fd00::/8', 'bad'], 6: ['fd00::/8', '2000::/3', 'fd00::1-fd00::9', '::/0', '10.0.0.0/8'] },
  'dst-address': { 4: ['10.0.0.0/8', '127.0.0.1', '0.0.0.0/0', '10.0.0.0/24,10.0.1.0/24'], 6: ['fd00::/16', '::1', '::/0'] },
  'dst-port': { 4: ['53', '13231', '1000-2000', '22,80,13231', 'bad', '70000', '5-1'], 6: ['53', '13231'] },
  'src-port': { 4: ['53', '1024-65535'], 6: ['53'] },
  port: { 4: ['53', '13231', '1-100'], 6: ['53', '13231'] },
  'in-interface': { 4: [...IFACES, 'ether*', 'all-ethernet'], 6: IFACES },
  'out-interface': { 4: IFACES, 6: IFACES },
  'in-interface-list': { 4: ['WAN', 'LAN', 'all', 'none', 'missing'], 6: ['WAN', 'LAN'] },
  'out-interface-list': { 4: ['WAN', 'LAN', 'all'], 6: ['WAN', 'LAN'] },
  'connection-state': { 4: ['new', 'established,related', 'established,related,untracked', 'invalid', 'bogus', ''], 6: ['new', 'established,related'] },
  'connection-nat-state': { 4: ['srcnat', 'dstnat', 'srcnat,dstnat', 'bogus'], 6: ['dstnat'] },
  'src-address-list': { 4: ['a', 'b', 'c', 'missing'], 6: ['a', 'b'] },
  'dst-address-list': { 4: ['a', 'b'], 6: ['a'] },
  'ipsec-policy': { 4: ['in,ipsec', 'in,none', 'out,ipsec', 'out,none', 'bad'], 6: ['in,ipsec'] },
  'icmp-options': { 4: ['8:0'], 6: ['128:0'] },
  limit: { 4: ['10,5:packet'], 6: ['10,5:packet'] },
  'dst-address-type': { 4: ['local'], 6: ['local'] },
};
const ACTIONS = ['accept', 'drop', 'reject', 'tarpit', 'jump', 'jump', 'return', 'passthrough', 'log', 'fasttrack-connection', 'add-src-to-address-list', 'mystery'];

function randomRule(r: R, family: IpFamily): string {
  const parts = ['add'];
  const action = pick(r, ACTIONS);
  parts.push(r() < 0.03 ? 'action=$act' : `action=${action}`);
  parts.push(r() < 0.03 ? 'chain=$ch' : `chain=${pick(r, CHAINS)}`);
  if (action === 'jump' && r() < 0.9) parts.push(`jump-target=${pick(r, [...CHAINS, 'nowhere'])}`);
  if (action === 'add-src-to-address-list') parts.push('address-list=c');
  const names = Object.keys(MATCHERS);
  const n = Math.floor(r() * 4);
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    const name = pick(r, names);
    if (used.has(name)) continue;
    used.add(name);
    const x = r();
    const value = x < 0.04 ? '$v' : `${x < 0.2 ? '!' : ''}${pick(r, MATCHERS[name]![family])}`;
    parts.push(`${name}=${/[,:]/.test(value) || value === '' ? `"${value}"` : value}`);
  }
  const d = r();
  if (d < 0.08) parts.push('disabled=yes');
  else if (d < 0.1) parts.push('disabled=$off');
  if (r() < 0.3) parts.push(`comment=c${Math.floor(r() * 100)}`);
  const line = parts.join(' ');
  return r() < 0.05 ? `:if ($x = 1) do={ ${line} }` : line;
}

function randomScript(r: R): string {
  const lines: string[] = [];
  if (r() < 0.8) lines.push(HEADER);
  if (r() < 0.8) {
    lines.push('/interface list', 'add name=WAN', 'add name=LAN', '/interface list member');
    for (const i of IFACES) if (r() < 0.6) lines.push(`add interface=${i} list=${pick(r, ['WAN', 'LAN'])}`);
  }
  for (const family of [4, 6] as const) {
    lines.push(family === 4 ? '/ip firewall address-list' : '/ipv6 firewall address-list');
    for (let i = Math.floor(r() * 6); i > 0; i--) {
      const address = family === 4 ? pick(r, ['10.0.0.1', '10.0.0.0/24', '192.0.2.0/24', '10.0.0.1-10.0.0.5', 'host.example.com']) : pick(r, ['fd00::1', 'fd00::/64']);
      lines.push(`add address=${address} list=${pick(r, ['a', 'b'])}${r() < 0.1 ? ' timeout=1d' : ''}`);
    }
    lines.push(family === 4 ? '/ip firewall filter' : '/ipv6 firewall filter');
    for (let i = Math.floor(r() * 14); i > 0; i--) lines.push(randomRule(r, family));
  }
  return lines.join('\n') + '\n';
}

function randomAddresses(r: R, family: IpFamily) {
  const x = r();
  if (x < 0.3) return anyAddress(family);
  if (x < 0.5) return nonLoopback(family);
  const base = family === 4 ? 0x0a000000n : 0xfd00n << 112n;
  const first = base + BigInt(Math.floor(r() * 300));
  return [{ family, first, last: first + BigInt(Math.floor(r() * 3)) }];
}

function randomPacket(r: R, family: IpFamily): PacketDescription {
  const maybe = <T>(v: T): T | undefined => (r() < 0.2 ? undefined : v);
  const inInterface = maybe(pick(r, IFACES));
  const outInterface = maybe(pick(r, IFACES));
  const protocol = maybe(pick(r, ['udp', 'tcp', 'icmp', '47', 'UDP']));
  const srcPort = maybe(pick(r, [53, 40000]));
  const dstPort = maybe(pick(r, [53, 13231, 1500, 22]));
  const connectionState = maybe(pick(r, ['new', 'established', 'related', 'invalid', 'untracked'] as const));
  const natState = maybe({ srcnat: r() < 0.3, dstnat: r() < 0.3 });
  const ipsecIn = maybe(r() < 0.3);
  const ipsecOut = maybe(r() < 0.3);
  return {
    family,
    src: randomAddresses(r, family),
    dst: randomAddresses(r, family),
    ...(inInterface !== undefined ? { inInterface } : {}),
    ...(outInterface !== undefined ? { outInterface } : {}),
    ...(protocol !== undefined ? { protocol } : {}),
    ...(srcPort !== undefined ? { srcPort } : {}),
    ...(dstPort !== undefined ? { dstPort } : {}),
    ...(connectionState !== undefined ? { connectionState } : {}),
    ...(natState !== undefined ? { natState } : {}),
    ...(ipsecIn !== undefined ? { ipsecIn } : {}),
    ...(ipsecOut !== undefined ? { ipsecOut } : {}),
  };
}

describe('filter rules and rule matches as before', () => {
  it('on random filter tables and packets', () => {
    const r = rng(11);
    const wrong: string[] = [];
    const seen: Record<string, number> = {};
    for (let round = 0; round < 300; round++) {
      const text = randomScript(r);
      const config = build(text);
      for (const family of [4, 6] as IpFamily[]) {
        const rules = filterTable(config, family).rules;
        const before = legacy.filterRules(config, family);
        expect(rules.map((x) => ({ ...x, item: x.item.id, matchers: [...x.matchers].map(([k, v]) => [k, v.text, v.negated, v.dynamic, v.uncertain]) }))).toEqual(
          before.map((x) => ({ ...x, item: x.item.id, matchers: [...x.matchers].map(([k, v]) => [k, v.text, v.negated, v.dynamic, v.uncertain]) })),
        );
        for (let q = 0; q < 8; q++) {
          const packet = randomPacket(r, family);
          const chain = pick(r, CHAINS);
          // The walk over these rules (and so the compiled-matcher cache) is exercised as well.
          const verdict = evaluateChain(config, family, chain, packet).verdict;
          seen[verdict] = (seen[verdict] ?? 0) + 1;
          for (const [i, rule] of rules.entries()) {
            const m = matchRule(config, rule, packet);
            const l = legacy.matchRule(config, before[i]!, packet);
            if (JSON.stringify(m) !== JSON.stringify(l)) wrong.push(`rule ${i}: ${JSON.stringify(m)} ≠ ${JSON.stringify(l)} in:\n${text}`);
            for (const [name, value] of rule.matchers) {
              const a = matchValue(config, family, name, value, packet);
              const b = legacy.matchValue(config, family, name, value, packet);
              if (a !== b) wrong.push(`${name}=${value.text}: ${a} ≠ ${b}`);
            }
          }
        }
      }
    }
    expect(wrong.slice(0, 3)).toEqual([]);
    // The inputs reach all three verdicts, often.
    for (const verdict of ['accept', 'drop', 'unknown']) expect(seen[verdict] ?? 0).toBeGreaterThan(300);
  });
});
