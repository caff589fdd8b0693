import { describe, expect, it } from 'vitest';
import { parse } from '@roslint/parser';
import { buildConfig } from '../src/model/evaluate.js';
import type { RouterConfig } from '../src/model/types.js';
import { readWgQuick } from '../src/wgquick/read.js';
import { buildTopology, networkTopology, type Link } from '../src/analysis/topology/index.js';

// x25519 pairs generated for these tests.
const K = {
  a: { priv: 'IvZVB0qMwhCXaZqVM3eN8vph87W1f/BjJ2jPd2u4iHw=', pub: '2BvQ9CQkssADAAd5PfDYZKvtqsXU+SuWOx37kQNFTTo=' },
  b: { priv: 'DO8XfIj9sztyxDYPULLy5HdtCrFOz/r/zPyGuZSadvA=', pub: 'C7e46wncfwh7JNcNqu1iKKkyuhaY+5WAZTerle9S7lI=' },
  other: { priv: 'v+2635zrnbqxxGVas9r8iNP43jKcUoflG2Rx1DOYc+g=', pub: '8tCMH9L6797RSGs9CjZhUUhzyhNoKR4LDXrrt8t+mCs=' },
  server: { priv: '3Krga3zFyA2w3QqNSdBlUjgiSI+PALLCnrNh1Tv7eec=', pub: '6n3j0fGD0ww0eCJIXZ5479vzI8fe6IYCShJjVB40ymg=' },
  alice: { priv: 'IpAqKH7LCRMv8Bdu9DIz/O1id0195daOJBPZveWPJ3M=', pub: '6PHlUD8HOCzvmYUiooYEFw4Cco3QnGuJm+QdpKyx/kI=' },
  bob: { priv: 'nkjVo/FqAueMbbPeAnbCi3hkKcvl73jYckYaOUzSER8=', pub: 'YO3gxzxe6u3ocGNPdPODd84WLQEsv0Fsi1ZwI2ieLlQ=' },
};

function config(file: string, text: string): RouterConfig {
  if (file.endsWith('.conf')) return readWgQuick(text, file).config;
  return buildConfig(parse(text, { file }), { file }).config;
}

function site(n: 1 | 2, opts: { priv?: string; peerPub: string; allowed?: string; identity?: string; wan?: boolean }): string {
  const other = n === 1 ? 2 : 1;
  return [
    `/interface/wireguard/add listen-port=13231 name=wg-s2s${opts.priv ? ` private-key="${opts.priv}"` : ''}`,
    `/ip/address/add address=10.1.101.${n}/24 interface=wg-s2s`,
    `/interface/wireguard/peers/add interface=wg-s2s public-key="${opts.peerPub}" allowed-address=${opts.allowed ?? `10.1.101.${other}/32`} endpoint-address=192.0.2.${other} endpoint-port=13231`,
    ...(opts.identity ? [`/system/identity/set name=${opts.identity}`] : []),
    // The address the other side dials: corroborates pairing by addressing.
    ...(opts.wan ? [`/ip/address/add address=192.0.2.${n}/24 interface=ether1`] : []),
  ].join('\n');
}

const describeLink = (l: Link) => `${l.router.name}/${l.peer.label} -> ${l.target.name}/${l.targetIface.name} by ${l.method}`;

describe('network topology: pairing', () => {
  it('pairs by key when the other side shows its private key, and records it', () => {
    const t = buildTopology([
      config('a.rsc', site(1, { priv: K.a.priv, peerPub: K.b.pub, identity: 'office-a' })),
      config('b.rsc', site(2, { priv: K.b.priv, peerPub: K.a.pub, identity: 'office-b' })),
    ]);
    expect(t.links.map(describeLink)).toEqual([
      `office-a/#0 (${K.b.pub.slice(0, 8)}…) -> office-b/wg-s2s by key`,
      `office-b/#0 (${K.a.pub.slice(0, 8)}…) -> office-a/wg-s2s by key`,
    ]);
    expect(t.tunnels).toHaveLength(1);
    expect(t.tunnels[0]!.a.router.name).toBe('office-a');
    expect(t.unpaired).toEqual([]);
    expect(t.oneSided).toEqual([]);
  });

  it('pairs by addressing when keys are hidden (both directions must agree)', () => {
    const t = buildTopology([config('dir/a.rsc', site(1, { peerPub: K.b.pub, wan: true })), config('dir/b.rsc', site(2, { peerPub: K.a.pub, wan: true }))]);
    expect(t.routers.map((r) => r.name)).toEqual(['a', 'b']); // file names without directory and extension
    expect(t.links.map((l) => l.method)).toEqual(['address', 'address']);
    expect(t.links[0]!.via!.text).toBe('10.1.101.2/32');
    expect(t.tunnels).toHaveLength(1);
  });

  it('does not pair unrelated routers by common tunnel addressing alone (no corroboration)', () => {
    // Mutual and unique, but nothing beyond the tunnel /32s ties them: an MSP linting a directory.
    const t = buildTopology([config('a.rsc', site(1, { peerPub: K.b.pub })), config('b.rsc', site(2, { peerPub: K.a.pub }))]);
    expect(t.links).toEqual([]);
    expect(t.unpaired.map((u) => u.router.name)).toEqual(['a', 'b']);
  });

  it('does not pair two full-tunnel clients whose 0.0.0.0/0 accepts each other (a default route is no LAN evidence)', () => {
    // Shape of a Cloudflare WARP script linted with an unrelated home-VPN client export.
    const t = buildTopology([
      config('warp.rsc', [
        '/interface/wireguard/add listen-port=13231 mtu=1280 name=warp',
        '/ip/address/add address=172.16.0.2 interface=warp network=172.16.0.2',
        `/interface/wireguard/peers/add allowed-address=0.0.0.0/0 endpoint-address=162.159.195.84 endpoint-port=4500 interface=warp public-key="${K.other.pub}"`,
      ].join('\n')),
      config('home.rsc', [
        '/interface/wireguard/add listen-port=10167 mtu=1400 name=wg-to-home',
        '/ip/address/add address=10.101.101.7/24 interface=wg-to-home',
        '/ip/address/add address=192.168.0.1/24 interface=bridge',
        `/interface/wireguard/peers/add allowed-address=0.0.0.0/0 endpoint-address=212.20.46.209 endpoint-port=51820 interface=wg-to-home public-key="${K.b.pub}"`,
      ].join('\n')),
    ]);
    expect(t.links).toEqual([]);
  });

  it('does not pair by addressing when a known key disagrees and no key agrees', () => {
    const t = buildTopology([
      config('a.rsc', `${site(1, { peerPub: K.other.pub })}\n/ip/address/add address=10.0.0.1/24 interface=bridge`),
      config('b.rsc', site(2, { priv: K.b.priv, peerPub: K.a.pub, allowed: '10.1.101.1/32,10.0.0.0/24' })),
    ]);
    expect(t.links).toEqual([]);
    // The same pair with the right key is corroborated by b routing a's LAN: it pairs.
    const ok = buildTopology([
      config('a.rsc', `${site(1, { peerPub: K.b.pub })}\n/ip/address/add address=10.0.0.1/24 interface=bridge`),
      config('b.rsc', site(2, { priv: K.b.priv, peerPub: K.a.pub, allowed: '10.1.101.1/32,10.0.0.0/24' })),
    ]);
    expect(ok.tunnels).toHaveLength(1);
  });

  it('does not pair by addressing when an endpoint is another address of a router with a static public WAN', () => {
    const wan = '/ip/address/add address=198.51.100.2/24 interface=ether1\n/ip/route/add dst-address=0.0.0.0/0 gateway=198.51.100.1';
    const t = buildTopology([
      config('a.rsc', `${site(1, { peerPub: K.b.pub })}\n/ip/address/add address=10.0.0.1/24 interface=bridge`),
      config('b.rsc', `${site(2, { peerPub: K.a.pub, allowed: '10.1.101.1/32,10.0.0.0/24' })}\n${wan}`),
    ]);
    expect(t.links).toEqual([]);
  });

  it('does not pair by addressing when the other side accepts nothing from this router', () => {
    const t = buildTopology([
      config('a.rsc', site(1, { peerPub: K.b.pub })),
      config('b.rsc', site(2, { peerPub: K.a.pub, allowed: '10.9.9.9/32' })),
    ]);
    expect(t.links).toEqual([]);
    expect(t.unpaired.map((u) => u.router.name)).toEqual(['a', 'b']);
  });

  it('keeps a pair whose key is wrong as an address pair (for peer-key-mismatch)', () => {
    const t = buildTopology([
      config('a.rsc', site(1, { priv: K.a.priv, peerPub: K.other.pub })),
      config('b.rsc', site(2, { priv: K.b.priv, peerPub: K.a.pub })),
    ]);
    expect(t.links.map(describeLink)).toEqual([
      `a/#0 (${K.other.pub.slice(0, 8)}…) -> b/wg-s2s by address`,
      `b/#0 (${K.a.pub.slice(0, 8)}…) -> a/wg-s2s by key`,
    ]);
    expect(t.tunnels).toHaveLength(1);
  });

  it('records a link whose target has no peer back as one-sided', () => {
    const t = buildTopology([
      config('a.rsc', site(1, { priv: K.a.priv, peerPub: K.b.pub })),
      config('b.rsc', `/interface/wireguard/add listen-port=13231 name=wg-s2s private-key="${K.b.priv}"\n/ip/address/add address=10.1.101.2/24 interface=wg-s2s`),
    ]);
    expect(t.oneSided.map(describeLink)).toEqual([`a/#0 (${K.b.pub.slice(0, 8)}…) -> b/wg-s2s by key`]);
    expect(t.tunnels).toEqual([]);
  });

  it('never pairs two clients of one server with each other (they carry the same peer key)', () => {
    const server = [
      '/interface/wireguard/add listen-port=13231 name=wireguard1',
      '/ip/address/add address=172.16.0.1/24 interface=wireguard1',
      `/interface/wireguard/peers/add interface=wireguard1 public-key="${K.alice.pub}" allowed-address=172.16.0.2/32 comment=alice`,
      `/interface/wireguard/peers/add interface=wireguard1 public-key="${K.bob.pub}" allowed-address=172.16.0.3/32 comment=bob`,
    ].join('\n');
    const client = (who: 'alice' | 'bob', addr: string, allowed: string) =>
      `[Interface]\nPrivateKey = ${K[who].priv}\nAddress = ${addr}\n[Peer]\nPublicKey = ${K.server.pub}\nEndpoint = vpn.example.com:13231\nAllowedIPs = ${allowed}\n`;
    const t = buildTopology([
      config('server.rsc', server),
      config('alice.conf', client('alice', '172.16.0.2/32', '0.0.0.0/0')),
      config('bob.conf', client('bob', '172.16.0.3/32', '172.16.0.0/24')),
    ]);
    expect(t.links.map(describeLink).sort()).toEqual([
      `alice/#0 (${K.server.pub.slice(0, 8)}…) -> server/wireguard1 by address`,
      'bob/#0 (6n3j0fGD…) -> server/wireguard1 by address',
      'server/alice -> alice/alice by key',
      'server/bob -> bob/bob by key',
    ]);
    expect(t.tunnels).toHaveLength(2);
  });

  it('completes a key pair whose way back fails addressing because of the defect (client Address not allowed)', () => {
    const server = [
      '/interface/wireguard/add listen-port=13231 name=wireguard1',
      '/ip/address/add address=172.16.0.1/24 interface=wireguard1',
      `/interface/wireguard/peers/add interface=wireguard1 public-key="${K.alice.pub}" allowed-address=172.16.0.2/32 comment=alice`,
    ].join('\n');
    const alice = `[Interface]\nPrivateKey = ${K.alice.priv}\nAddress = 172.16.0.9/32\n[Peer]\nPublicKey = ${K.server.pub}\nAllowedIPs = 0.0.0.0/0\n`;
    const t = buildTopology([config('server.rsc', server), config('alice.conf', alice)]);
    expect(t.links.map(describeLink)).toEqual([
      'server/alice -> alice/alice by key',
      `alice/#0 (${K.server.pub.slice(0, 8)}…) -> server/wireguard1 by address`,
    ]);
    expect(t.tunnels).toHaveLength(1);
    expect(t.unpaired).toEqual([]);
  });

  it('leaves a peer unpaired when two interfaces match equally well', () => {
    const hub = (n: number) =>
      [
        `/interface/wireguard/add listen-port=13231 name=wg0`,
        `/ip/address/add address=10.0.0.${n}/24 interface=wg0`,
        `/interface/wireguard/peers/add interface=wg0 public-key="${K.a.pub}" allowed-address=10.0.0.0/24`,
      ].join('\n');
    const t = buildTopology([config('x.rsc', hub(1)), config('y.rsc', hub(2)), config('z.rsc', hub(3))]);
    expect(t.links).toEqual([]);
    expect(t.unpaired).toHaveLength(3);
  });

  it('names routers by identity, else file name, and disambiguates collisions', () => {
    const t = buildTopology([
      config('one/gw.rsc', '/system identity set name=core'),
      config('two/gw.rsc', ''),
      config('three/gw.rsc', ''),
      config('c.conf', '[Interface]\n'),
    ]);
    expect(t.routers.map((r) => r.name)).toEqual(['core', 'gw (two/gw.rsc)', 'gw (three/gw.rsc)', 'c']);
  });

  it('skips disabled peers and interfaces', () => {
    const t = buildTopology([
      config('a.rsc', site(1, { priv: K.a.priv, peerPub: K.b.pub }) + '\n/interface/wireguard/peers/disable 0'),
      config('b.rsc', site(2, { priv: K.b.priv, peerPub: K.a.pub }).replace('name=wg-s2s ', 'name=wg-s2s disabled=yes ')),
    ]);
    expect(t.links).toEqual([]);
    expect(t.unpaired).toEqual([]);
  });

  it('is computed once per lint (cached on the configs array)', () => {
    const configs = [config('a.rsc', site(1, { peerPub: K.b.pub })), config('b.rsc', site(2, { peerPub: K.a.pub }))];
    expect(networkTopology(configs)).toBe(networkTopology(configs));
  });
});
