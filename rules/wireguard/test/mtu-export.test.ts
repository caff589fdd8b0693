/** wireguard/mtu and the routing rules on real export syntax, through the Linter (parser + model). */
import { describe, expect, it } from 'vitest';
import { Linter } from '@roslint/core';
import { wireguardRoutingRules } from '../index.js';
import { routingAnalysis } from '../../../packages/core/src/analysis/routes.js';

const linter = new Linter({ rules: wireguardRoutingRules });
const lint = (text: string) =>
  linter.lintText(text, { file: 'x.rsc' }).diagnostics.map((d) => ({
    rule: d.ruleId,
    at: text.slice(d.range.start.offset, d.range.end.offset),
    message: d.message,
  }));

const KEY = '"lJTefS+xV0074tO/Q7pOd2xB1kPJCSTFIJrIxtVEj1k="';

describe('routing rules on export syntax', () => {
  it('reads the underlay MTU of a built-in ethernet set by default-name, behind a DHCP default route', () => {
    const text = [
      '/interface ethernet',
      'set [ find default-name=ether1 ] mtu=1400',
      '/interface wireguard',
      'add listen-port=13231 mtu=1420 name=wg0',
      '/interface wireguard peers',
      `add allowed-address=10.9.0.2/32 endpoint-address=198.51.100.7 endpoint-port=13231 interface=wg0 persistent-keepalive=25s public-key=${KEY}`,
      '/ip address',
      'add address=10.9.0.1/24 interface=wg0 network=10.9.0.0',
      '/ip dhcp-client',
      'add interface=ether1',
    ].join('\n');
    const r = lint(text);
    expect(r.map((d) => [d.rule, d.at])).toEqual([['wireguard/mtu', '1420']]);
    expect(r[0]!.message).toContain('mtu 1420 > 1340 = 1400 (underlay ether1 mtu) − 60');
  });

  it('treats `add blackhole` as leaving through no interface, and finds the endpoint captured by a tunnel route', () => {
    const text = [
      '/interface wireguard',
      'add listen-port=13231 mtu=1420 name=wg0',
      '/interface wireguard peers',
      `add allowed-address=10.1.0.0/16 endpoint-address=10.200.0.1 endpoint-port=13231 interface=wg0 persistent-keepalive=25s public-key=${KEY}`,
      '/ip address',
      'add address=10.9.0.1/24 interface=wg0 network=10.9.0.0',
      '/ip route',
      'add blackhole dst-address=10.1.0.0/16',
      'add dst-address=10.200.0.0/16 gateway=wg0',
    ].join('\n');
    expect(lint(text).map((d) => [d.rule, d.at])).toEqual([
      ['wireguard/missing-route', '10.1.0.0/16'],
      ['wireguard/endpoint-via-tunnel', '10.200.0.1'],
    ]);
    const config = linter.lintText(text, { file: 'x.rsc' }).config;
    const bh = routingAnalysis(config).routes.find((r) => r.dstText === '10.1.0.0/16');
    expect(bh).toMatchObject({ blackhole: true, egress: [] });
  });

  it('stays quiet on routes set under :if (uncertain)', () => {
    const text = [
      '/interface wireguard',
      'add listen-port=13231 mtu=1420 name=wg0',
      '/interface wireguard peers',
      `add allowed-address=10.1.0.0/16 interface=wg0 public-key=${KEY}`,
      '/ip address',
      'add address=10.9.0.1/24 interface=wg0 network=10.9.0.0',
      ':if ([:len [/system package find name=routing]] > 0) do={ /ip route add dst-address=10.1.0.0/16 gateway=wg0 }',
    ].join('\n');
    expect(lint(text)).toEqual([]);
  });
});
