import { describe, expect, it } from 'vitest';
import { Linter } from '../src/linter/linter.js';
import { isWgQuickConfig, readWgQuick, WGQUICK_ERROR } from '../src/wgquick/index.js';
import { wireguardView } from '../src/analysis/wireguard.js';
import { addressIndex } from '../src/analysis/addresses.js';
import type { NetworkRule } from '../src/rule.js';

// Generated for this test only (x25519 pair) and a random 32-byte preshared key.
const PRIV = 'IpAqKH7LCRMv8Bdu9DIz/O1id0195daOJBPZveWPJ3M=';
const PUB_OF_PRIV = '6PHlUD8HOCzvmYUiooYEFw4Cco3QnGuJm+QdpKyx/kI=';
const SERVER_PUB = '6n3j0fGD0ww0eCJIXZ5479vzI8fe6IYCShJjVB40ymg=';
const PSK = 'IRlh8KQjA+u8O4SnugvFaZtunWnBEJ1Z/pBolaCe2wo=';

// The guide's client template with keys filled in, including its trailing and full-line comments.
const GUIDE = `[Interface]
PrivateKey = ${PRIV}
Address = 172.16.0.2/32
DNS = 172.16.0.1
[Peer]
PublicKey = ${SERVER_PUB}
PresharedKey = ${PSK}
Endpoint = vpn.example.com:13231
AllowedIPs = 0.0.0.0/0, ::/0 # full tunnel
# AllowedIPs = 172.16.0.0/24, 10.0.0.0/24 # split tunnel
PersistentKeepalive = 25
`;

const at = (text: string, needle: string) => {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`${needle} not found`);
  return { start, end: start + needle.length };
};

describe('readWgQuick', () => {
  it('turns the guide client config into a WireGuard interface, its address and one peer', () => {
    const r = readWgQuick(GUIDE, '/etc/wireguard/laptop.conf');
    expect(r.diagnostics).toEqual([]);
    expect(isWgQuickConfig(r.config)).toBe(true);
    const view = wireguardView(r.config);
    expect(view.interfaces.map((i) => i.name)).toEqual(['laptop']);
    expect(view.interfaces[0]!.publicKey).toBe(PUB_OF_PRIV);
    expect(view.interfaces[0]!.privateKeyValue!.span).toEqual(at(GUIDE, PRIV));
    const [peer] = view.peers;
    expect(peer!.interfaceName).toBe('laptop');
    expect(peer!.publicKey).toBe(SERVER_PUB);
    expect(peer!.publicKeyValue!.span).toEqual(at(GUIDE, SERVER_PUB));
    // The trailing comment is not part of the list; each entry has its own span.
    expect(peer!.allowed.map((a) => a.text)).toEqual(['0.0.0.0/0', '::/0']);
    expect(peer!.allowed.map((a) => a.span)).toEqual([at(GUIDE, '0.0.0.0/0'), at(GUIDE, '::/0')]);
    expect(peer!.endpointAddressValue!.text).toBe('vpn.example.com');
    expect(peer!.endpointAddressValue!.span).toEqual(at(GUIDE, 'vpn.example.com'));
    expect(peer!.endpointPort).toBe(13231);
    expect(peer!.keepaliveSeconds).toBe(25);
    const addrs = addressIndex(r.config).byInterface.get('laptop')!;
    expect(addrs.map((a) => a.address?.canonical)).toEqual(['172.16.0.2/32']);
    expect(r.config.showsSensitive).toBe(true);
  });

  it('puts PrivateKey and PresharedKey values into secretSpans', () => {
    const r = readWgQuick(GUIDE, 'c.conf');
    expect(r.secretSpans).toEqual([at(GUIDE, PRIV), at(GUIDE, PSK)]);
  });

  it('reads IPv6 endpoints, several Address and AllowedIPs lines, CRLF and case-insensitive keys', () => {
    const text = `[interface]\r\nprivatekey=${PRIV}\r\nAddress = 10.0.0.2/32\r\nAddress = fd00::2/128\r\nMTU = 1380\r\nListenPort = 51000\r\n\r\n[Peer]\r\nPublicKey = ${SERVER_PUB}\r\nEndpoint = [2001:db8::1]:51820\r\nAllowedIPs = 10.0.0.0/24\r\nAllowedIPs = fd00::/64\r\n`;
    const r = readWgQuick(text, 'wg1.conf');
    expect(r.diagnostics).toEqual([]);
    const view = wireguardView(r.config);
    expect(view.interfaces[0]!.mtu).toBe(1380);
    expect(view.interfaces[0]!.listenPort).toBe(51000);
    const peer = view.peers[0]!;
    expect(peer.endpointAddressValue!.text).toBe('2001:db8::1');
    expect(peer.allowed.map((a) => [a.text, a.span])).toEqual([
      ['10.0.0.0/24', at(text, '10.0.0.0/24')],
      ['fd00::/64', at(text, 'fd00::/64')],
    ]);
    expect(r.config.items('/ipv6/address')).toHaveLength(1);
  });

  it('reports what wg-quick would refuse, pointing at the offending text, never quoting a key', () => {
    const badKey = 'not-a-key';
    const text = [
      'Stray = 1',
      '[Interface]',
      `PrivateKey = ${badKey}`,
      `PrivateKey = ${PRIV}`,
      'Adress = 10.0.0.2/32',
      'ListenPort = huge',
      'Address = 10.0.0.300/32',
      '[Peers]',
      '[Peer]',
      'Endpoint = host-without-port',
      'AllowedIPs = 10.0.0.0/24, banana',
      'just text',
      '',
    ].join('\n');
    const r = readWgQuick(text, 'broken.conf');
    const got = r.diagnostics.map((d) => [d.ruleId, d.severity, r.source.text.slice(d.range.start.offset, d.range.end.offset), d.message]);
    expect(got).toEqual([
      [WGQUICK_ERROR, 'error', 'Stray', '`Stray` is outside any [Interface] or [Peer] section'],
      [WGQUICK_ERROR, 'error', badKey, 'PrivateKey: the private key contains characters that are not standard base64 (looks like a placeholder)'],
      [WGQUICK_ERROR, 'error', 'PrivateKey', '`PrivateKey` is given more than once in this section'],
      [WGQUICK_ERROR, 'error', 'Adress', 'unknown key `Adress` in [Interface]'],
      [WGQUICK_ERROR, 'error', 'huge', 'ListenPort: expected a number from 0 to 65535'],
      [WGQUICK_ERROR, 'error', '10.0.0.300/32', 'Address: `10.0.0.300/32` is not an IP address with an optional /length'],
      [WGQUICK_ERROR, 'error', '[Peers]', 'unknown section `[Peers]`; a wg-quick file has [Interface] and [Peer] sections'],
      [WGQUICK_ERROR, 'error', '[Peer]', '[Peer] without PublicKey'],
      [WGQUICK_ERROR, 'error', 'host-without-port', 'Endpoint: expected `host:port` (IPv6 as `[address]:port`)'],
      [WGQUICK_ERROR, 'error', 'banana', 'AllowedIPs: `banana` is not an IP prefix'],
      [WGQUICK_ERROR, 'error', 'just text', 'expected `Key = value`'],
    ]);
    for (const d of r.diagnostics) expect(d.message).not.toContain(PRIV);
  });

  it('reports a file without [Interface] and a second [Interface]', () => {
    expect(readWgQuick(`[Peer]\nPublicKey = ${SERVER_PUB}\n`, 'p.conf').diagnostics.map((d) => d.message)).toEqual(['no [Interface] section']);
    expect(readWgQuick('[Interface]\n[Interface]\n', 'p.conf').diagnostics.map((d) => d.message)).toEqual(['more than one [Interface] section']);
  });

  it('never throws on arbitrary input', () => {
    const alphabet = ['[', ']', '=', '#', '\n', '\r', ' ', ',', ':', 'Peer', 'Interface', 'Address', 'AllowedIPs', 'Endpoint', '10.0.0.1/32', '[::1]:5', PRIV, '\u0000', 'é'];
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % alphabet.length);
    for (let n = 0; n < 500; n++) {
      let text = '';
      for (let i = 0; i < 40; i++) text += alphabet[rnd()];
      expect(() => readWgQuick(text, 'fuzz.conf')).not.toThrow();
    }
    expect(() => readWgQuick(Uint8Array.from([0xff, 0xfe, 0x5b, 0x00]), 'bytes.conf')).not.toThrow();
  });
});

describe('Linter and .conf files', () => {
  const seen: string[] = [];
  const spy: NetworkRule = {
    meta: { id: 'test/network-spy', defaultSeverity: 'info', summary: 'spy', fixable: false, scope: 'network' },
    check(ctx) {
      for (const c of ctx.configs) {
        seen.push(`${c.file}:${wireguardView(c).peers.length}`);
        // A careless rule echoing a secret: the linter must scrub it.
        const pk = wireguardView(c).interfaces[0]?.privateKeyValue;
        if (pk) ctx.report(c, { span: pk.span, message: `value ${pk.text}` });
      }
    },
  };

  it('lintMany reads .conf inputs with the wg-quick reader, keeps syntax errors and scrubs secrets', () => {
    const linter = new Linter({ rules: [spy] });
    const results = linter.lintMany(
      [
        { file: 'router.rsc', content: '/interface/wireguard/add name=wg0 listen-port=13231\n' },
        { file: 'client.conf', content: GUIDE + 'Bogus = 1\n' },
      ],
      {},
    );
    expect(seen).toEqual(['router.rsc:0', 'client.conf:1']);
    const conf = results[1]!;
    expect(conf.secretSpans).toEqual([at(GUIDE, PRIV), at(GUIDE, PSK)]);
    expect(conf.diagnostics.map((d) => d.ruleId)).toEqual(['test/network-spy', WGQUICK_ERROR]);
    expect(conf.diagnostics[0]!.message).not.toContain(PRIV);
  });
});

describe('wg-quick peer labels', () => {
  it('take the comment on the line above [Peer] or after it', () => {
    const text = `[Interface]\nPrivateKey = ${PRIV}\n\n# office router\n[Peer]\nPublicKey = ${SERVER_PUB}\n[Peer] # backup hub\nPublicKey = ${PUB_OF_PRIV}\n[Peer]\nPublicKey = ${SERVER_PUB}\n`;
    const labels = wireguardView(readWgQuick(text, 'c.conf').config).peers.map((p) => p.label);
    expect(labels).toEqual(['office router', 'backup hub', `#2 (${SERVER_PUB.slice(0, 8)}…)`]);
  });
});
