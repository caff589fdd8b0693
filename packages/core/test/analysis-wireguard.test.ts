import { describe, it, expect } from 'vitest';
import { wireguardView, parseDurationSeconds } from '../src/analysis/wireguard.js';
import { allowedAddressConflicts } from '../src/analysis/allowed-address-conflicts.js';
import { fakeConfig } from './analysis-wireguard-model.js';

const PRIV = 'mhLPPxpMGz0EqUJb2IiZjat7pakbjilICf3t4FWOHgg=';
const PUB = 'DmzzCiUZ2U+RPJVK7S6vSYQnXXgtSDenIgaM5hDhUzM=';
const PUB2 = 'Mv2Zam5MCilJE/1oTYBJ/XG4+a92SbsCRr5dAb7LMCQ=';

describe('wireguardView', () => {
  it('reads interfaces, derives the public key, auto-names', () => {
    const cfg = fakeConfig(
      [
        `/interface/wireguard/add name=wg1 listen-port=13231 mtu=1420 private-key="${PRIV}"`,
        `/interface/wireguard/add listen-port=13232 disabled=yes`,
      ].join('\n'),
    );
    const v = wireguardView(cfg);
    expect(v.interfaces).toHaveLength(2);
    const [a, b] = v.interfaces;
    expect(a!.name).toBe('wg1');
    expect(a!.listenPort).toBe(13231);
    expect(a!.mtu).toBe(1420);
    expect(a!.publicKey).toBe(PUB);
    expect(b!.name).toBe('wireguard1');
    expect(b!.autoNamed).toBe(true);
    expect(b!.disabled).toBe(true);
    expect(v.interfacesByName.get('wg1')).toBe(a);
    expect(wireguardView(cfg)).toBe(v); // memoised
  });

  it('parses peers with exact spans for each allowed-address entry', () => {
    const text = `/interface/wireguard/peers/add interface=wg1 public-key="${PUB}" allowed-address=10.0.0.0/8,fd00::/8,10.1.101.1/24 endpoint-address=192.0.2.1 endpoint-port=13231 persistent-keepalive=25s comment=office`;
    const cfg = fakeConfig(text);
    const [p] = wireguardView(cfg).peers;
    expect(p!.interfaceName).toBe('wg1');
    expect(p!.publicKey).toBe(PUB);
    expect(p!.allowed.map((e) => text.slice(e.span.start, e.span.end))).toEqual(['10.0.0.0/8', 'fd00::/8', '10.1.101.1/24']);
    expect(p!.allowed[2]!.prefix!.hasHostBits).toBe(true);
    expect(p!.endpointPort).toBe(13231);
    expect(p!.keepaliveSeconds).toBe(25);
    expect(p!.label).toBe('office');
    expect(p!.responder).toBe(false);
  });

  it('labels an unnamed peer by position and public-key prefix', () => {
    const cfg = fakeConfig(`/interface/wireguard/peers/add interface=wg1 public-key="${PUB}"\n/interface/wireguard/peers/add interface=wg1 public-key="${PUB2}" name=n2`);
    const [a, b] = wireguardView(cfg).peers;
    expect(a!.label).toBe('#0 (DmzzCiUZ…)');
    expect(b!.label).toBe('n2');
  });

  it('labels a peer by its comment without the roslint-ignore directive in it', () => {
    const cfg = fakeConfig(
      [
        `/interface/wireguard/peers/add interface=wg1 public-key="${PUB}" comment="x roslint-ignore: wireguard/missing-keepalive"`,
        `/interface/wireguard/peers/add interface=wg1 public-key="${PUB2}" comment="roslint-ignore: a/b, c/d -- laptop"`,
        `/interface/wireguard/peers/add interface=wg1 public-key="${PUB2}" comment="roslint-ignore: wireguard/missing-keepalive"`,
        `/interface/wireguard/peers/add interface=wg1 public-key="${PUB2}" comment="office: main - ok"`,
      ].join('\n'),
    );
    expect(wireguardView(cfg).peers.map((p) => p.label)).toEqual(['x', 'laptop', '#2 (Mv2Zam5M…)', 'office: main - ok']);
  });

  it('marks invalid allowed-address entries without throwing', () => {
    const cfg = fakeConfig(`/interface/wireguard/peers/add interface=wg1 public-key="${PUB}" allowed-address=10.0.0.0/33,banana`);
    const [p] = wireguardView(cfg).peers;
    expect(p!.allowed.map((e) => e.error !== undefined)).toEqual([true, true]);
  });
});

describe('parseDurationSeconds', () => {
  it.each([
    ['25s', 25], ['25', 25], ['1m', 60], ['1h2m3s', 3723], ['00:00:25', 25], ['0s', 0], ['1d', 86400], ['18h12m15s', 65535],
  ])('%s', (t, s) => expect(parseDurationSeconds(t)).toBe(s));
  it('rejects junk', () => expect(parseDurationSeconds('soon')).toBeUndefined());
});

/**
 * Runs `fn` once (cold: view building, parsing, sweep) and returns the CPU time it used in ms.
 * CPU time, not wall-clock: the figure must not depend on how many other test files share the
 * machine's cores at that moment. Both are printed.
 */
function timed(what: string, fn: () => unknown): number {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const ms = (cpu.user + cpu.system) / 1000;
  console.log(`allowedAddressConflicts, ${what}: ${ms.toFixed(0)} ms CPU (${wall.toFixed(0)} ms wall-clock)`);
  return ms;
}

describe('allowedAddressConflicts', () => {
  const peer = (iface: string, name: string, allowed: string, extra = '') =>
    `/interface/wireguard/peers/add interface=${iface} name=${name} public-key="${PUB}" allowed-address=${allowed}${extra}`;

  it('finds duplicates across and within peers, per interface, ignoring disabled peers', () => {
    const cfg = fakeConfig(
      [
        peer('wg1', 'a', '10.0.0.0/8'),
        peer('wg1', 'b', '10.0.0.1/8'),
        peer('wg1', 'c', '10.9.0.0/16,10.9.0.0/16'),
        peer('wg2', 'd', '10.0.0.0/8'),
        peer('wg1', 'e', '10.0.0.0/8', ' disabled=yes'),
      ].join('\n'),
    );
    const r = allowedAddressConflicts(cfg);
    expect(r.duplicates.map((d) => `${d.first.peer.label}/${d.again.peer.label}`)).toEqual(['a/b', 'c/c']);
  });

  it('groups contained prefixes under their nearest container of another peer', () => {
    const cfg = fakeConfig(
      [
        peer('wg1', 'a', '10.0.0.0/8'),
        peer('wg1', 'b', '10.2.0.0/16,10.3.0.0/16'),
        peer('wg1', 'c', '10.2.0.5/32'),
        peer('wg1', 'd', '192.168.0.0/24,::/0'),
        peer('wg1', 'e', 'fd00::/64'),
      ].join('\n'),
    );
    const r = allowedAddressConflicts(cfg);
    expect(r.overlaps.map((o) => `${o.outer.prefix.text}>${o.inners.map((i) => i.prefix.text).join('+')}`)).toEqual([
      '10.0.0.0/8>10.2.0.0/16+10.3.0.0/16',
      '10.2.0.0/16>10.2.0.5/32',
      '::/0>fd00::/64',
    ]);
  });

  it('handles 20,000 peers on one interface in well under a second', () => {
    const lines: string[] = [];
    for (let i = 0; i < 20000; i++) {
      lines.push(peer('wg1', `p${i}`, `10.${(i >> 8) & 255}.${i & 255}.0/24,fd00:${i.toString(16)}::/64`));
    }
    // Three real conflicts hidden in the crowd.
    lines.push(peer('wg1', 'wide', '10.7.0.0/16'));
    lines.push(peer('wg1', 'dup', '10.0.5.0/24'));
    const cfg = fakeConfig(lines.join('\n'));
    const ms = timed('20,002 peers / 40,004 prefixes', () => allowedAddressConflicts(cfg));
    const r = allowedAddressConflicts(cfg);
    expect(ms).toBeLessThan(1000);
    expect(r.duplicates.map((d) => `${d.first.peer.label}/${d.again.peer.label}`)).toEqual(['p5/dup']);
    expect(r.overlaps).toHaveLength(1);
    expect(r.overlaps[0]!.outer.peer.label).toBe('wide');
    expect(r.overlaps[0]!.inners).toHaveLength(256);
  });

  it('stays fast when one wide prefix contains every other (k = 20,000 pairs)', () => {
    const lines = [peer('wg1', 'default', '0.0.0.0/0')];
    for (let i = 0; i < 20000; i++) lines.push(peer('wg1', `h${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`));
    const cfg = fakeConfig(lines.join('\n'));
    const ms = timed('0.0.0.0/0 over 20,000 hosts', () => allowedAddressConflicts(cfg));
    const r = allowedAddressConflicts(cfg);
    expect(ms).toBeLessThan(1000);
    expect(r.overlaps).toHaveLength(1);
    expect(r.overlaps[0]!.inners).toHaveLength(20000);
  });
});
