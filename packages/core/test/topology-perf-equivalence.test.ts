/**
 * The far-end search of address pairing (scoring every interface inside an allowed prefix, or
 * walking the network-wide index of interfaces that accept back) must pair exactly as the pairing
 * before the index did (topology-legacy.ts). Random small networks crowd a few addresses and keys:
 * duplicate tunnel addresses, shared /32s, overlapping and default allowed-addresses, hidden,
 * shown, cloned and wrong keys, endpoints at other routers' WANs, public and NATed WANs.
 */
import { x25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { rng as seeded } from '../../../bench/generate.mjs';
import { parse } from '@roslint/parser';
import { buildConfig } from '../src/model/evaluate.js';
import type { RouterConfig } from '../src/model/types.js';
import { type Topology, type TopologyOptions, buildTopology } from '../src/analysis/topology/index.js';
import { buildTopology as legacyTopology } from './topology-legacy.js';

/** Deterministic PRNG (the benchmark generator's mulberry32) so a failure replays. */
const rng = (seed: number): (() => number) => seeded(seed).next;

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
const KEYS = Array.from({ length: 8 }, (_, i) => {
  const priv = Uint8Array.from({ length: 32 }, (_, k) => (i * 31 + k * 7 + 1) & 255);
  return { priv: b64(priv), pub: b64(x25519.getPublicKey(priv)) };
});

const TUNNEL = ['10.0.0.1/24', '10.0.0.2/24', '10.0.0.3/24', '10.0.0.4/24', '10.0.1.1/24', '10.0.1.2/24', '100.64.0.1/10', '172.16.0.1/32', 'fd00::1/64', 'fd00::2/64'];
const ALLOWED = [
  '10.0.0.1/32', '10.0.0.2/32', '10.0.0.3/32', '10.0.0.4/32', '10.0.1.1/32', '10.0.1.2/32', '100.64.0.1/32', '172.16.0.1/32',
  '10.0.0.0/24', '10.0.0.0/30', '10.0.0.0/16', '10.0.1.0/24', '100.64.0.0/10', '0.0.0.0/0',
  '192.168.1.0/24', '192.168.2.0/24', '192.168.3.0/24',
  'fd00::1/128', 'fd00::2/128', 'fd00::/64', '::/0',
];
const WAN = ['203.0.113.1', '203.0.113.2', '203.0.113.3', '192.168.100.1', '192.168.100.2'];
const LAN = ['192.168.1.1/24', '192.168.2.1/24', '192.168.3.1/24'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function randomNetwork(seed: number, routers: number): RouterConfig[] {
  const r = rng(seed);
  const configs: RouterConfig[] = [];
  for (let i = 0; i < routers; i++) {
    const lines: string[] = [];
    const ifaces = 1 + Math.floor(r() * 3);
    for (let k = 0; k < ifaces; k++) {
      const key = r() < 0.4 ? ` private-key="${pick(r, KEYS).priv}"` : '';
      lines.push(`/interface/wireguard/add listen-port=${13231 + Math.floor(r() * 2)} name=wg${k}${key}${r() < 0.05 ? ' disabled=yes' : ''}`);
      const addresses = Math.floor(r() * 3);
      for (let a = 0; a < addresses; a++) {
        const addr = pick(r, TUNNEL);
        lines.push(`${addr.includes(':') ? '/ipv6/address' : '/ip/address'}/add address=${addr} interface=wg${k}${addr.includes(':') ? ' advertise=no' : ''}`);
      }
    }
    const wan = r() < 0.8 ? pick(r, WAN) : undefined;
    if (wan) {
      lines.push(`/ip/address/add address=${wan}/24 interface=ether1`);
      if (r() < 0.7) lines.push(`/ip/route/add dst-address=0.0.0.0/0 gateway=${wan.replace(/\.\d+$/, '.254')}`);
    }
    if (r() < 0.7) lines.push(`/ip/address/add address=${pick(r, LAN)} interface=bridge`);
    if (r() < 0.5) lines.push(`/system/identity/set name=${r() < 0.2 ? 'dup' : `r${i}`}`);
    const peers = Math.floor(r() * 5);
    for (let p = 0; p < peers; p++) {
      const allowed = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, ALLOWED)).join(',');
      const key = r() < 0.9 ? ` public-key="${pick(r, KEYS).pub}"` : '';
      const endpoint = r() < 0.5 ? ` endpoint-address=${r() < 0.85 ? pick(r, WAN) : 'vpn.example.net'}` : '';
      const port = r() < 0.5 ? ` endpoint-port=${13231 + Math.floor(r() * 2)}` : '';
      const disabled = r() < 0.05 ? ' disabled=yes' : '';
      lines.push(`/interface/wireguard/peers/add interface=wg${Math.floor(r() * ifaces)}${key} allowed-address=${allowed}${endpoint}${port}${disabled}`);
    }
    const file = `n${seed}/r${i}.rsc`;
    configs.push(buildConfig(parse(lines.join('\n'), { file }), { file }).config);
  }
  return configs;
}

type AnyTopology = Pick<Topology, 'links' | 'tunnels' | 'oneSided' | 'unpaired'>;

function describeTopology(t: AnyTopology): string[] {
  const peerId = (router: Topology['routers'][number], peer: object) => `${router.index}#${router.view.peers.indexOf(peer as never)}`;
  const link = (l: Topology['links'][number]) =>
    `${peerId(l.router, l.peer)}@${l.iface.name} -> ${l.target.index}/${l.targetIface.name} ${l.method} ${l.via?.text ?? ''} ${l.endpoint ?? ''}`;
  return [
    ...t.links.map((l) => `link ${link(l)}`),
    ...t.tunnels.map((x) => `tunnel ${link(x.a)} | ${link(x.b)}`),
    ...t.oneSided.map((l) => `one-sided ${link(l)}`),
    ...t.unpaired.map((u) => `unpaired ${peerId(u.router, u.peer)}@${u.iface.name}`),
  ];
}

describe('topology: far-end search is equivalent to the pairing before the index', () => {
  const searches: Array<TopologyOptions['farEndSearch']> = [undefined, 'scoring', 'acceptance'];

  it('pairs random crowded networks identically, by every search', () => {
    const methods = new Map<string, number>();
    for (let seed = 1; seed <= 400; seed++) {
      // Mostly small networks; some big enough that prefixes hold more than a few tunnel addresses.
      const configs = randomNetwork(seed, seed % 10 === 0 ? 24 : 2 + (seed % 7));
      const expected = describeTopology(legacyTopology(configs));
      for (const farEndSearch of searches) {
        expect(describeTopology(buildTopology(configs, { farEndSearch })), `seed ${seed}, ${farEndSearch ?? 'auto'}`).toEqual(expected);
      }
      for (const line of expected) if (line.startsWith('link ')) methods.set(line.split(' ')[4]!, (methods.get(line.split(' ')[4]!) ?? 0) + 1);
    }
    console.log('links by method', Object.fromEntries(methods));
    // The generator must exercise every way of pairing, or the comparison proves little.
    expect(methods.get('address') ?? 0).toBeGreaterThan(20);
    expect(methods.get('key') ?? 0).toBeGreaterThan(20);
    expect(methods.get('endpoint') ?? 0).toBeGreaterThan(5);
  }, 120_000);

  it('a hub address shared by every router of a template network is no pair, and stays linear', () => {
    // Every router: hub 100.64.0.1 and a customer peer allowing 100.64.0.1/32 (accepted back by all).
    const configs = Array.from({ length: 400 }, (_, i) => {
      const lines = [
        '/interface/wireguard/add listen-port=13231 name=wg-hub',
        '/ip/address/add address=100.64.0.1/10 interface=wg-hub',
        ...Array.from({ length: 5 }, (_, p) => `/interface/wireguard/peers/add interface=wg-hub public-key="${KEYS[p]!.pub}" allowed-address=100.64.0.${p + 1}/32`),
      ];
      const file = `hub${i}.rsc`;
      return buildConfig(parse(lines.join('\n'), { file }), { file }).config;
    });
    const expected = describeTopology(legacyTopology(configs));
    const t = performance.now();
    const topology = buildTopology(configs);
    const ms = performance.now() - t;
    expect(describeTopology(topology)).toEqual(expected);
    expect(topology.links).toEqual([]);
    expect(ms).toBeLessThan(1000); // the scoring search alone visits 400 × 399 interfaces here
  }, 60_000);
});
