import { describe, expect, it } from 'vitest';
import { isDisabled, prop, splitList } from '../src/model/index.js';
import { build, lineSpanOf, menuTexts, spanOf, texts } from './model-helpers.js';

const COMPACT = [
  '# 2024-03-25 05:19:33 by RouterOS 7.14.1',
  '# software id = KNSD-I8YY',
  '#',
  '# model = RB952Ui-5ac2nD',
  '# serial number = F43E0F67CA24',
  '/interface bridge',
  'add admin-mac=48:8F:5A:00:00:01 auto-mac=no comment=defconf name=bridge',
  '/interface ethernet',
  'set [ find default-name=ether1 ] name=wan',
  '/interface wireguard',
  'add listen-port=13231 mtu=1420 name=wireguard1 private-key="aGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd28="',
  '/interface wireguard peers',
  'add allowed-address=10.0.0.2/32,10.9.0.0/24 comment=#1 interface=wireguard1 public-key=\\',
  '    "tcwVmGxZk1f00BQ7gQOEiaEj96I6VzJnL5TidjTwr2k="',
  '/ip firewall filter',
  'add action=accept chain=input comment="defconf: accept established,related,untracked" \\',
  '    connection-state=established,related,untracked',
  'add action=drop chain=input comment="defconf: drop all not coming from LAN" disabled=yes \\',
  '    in-interface-list=!LAN',
  '/ip dns',
  'set allow-remote-requests=yes servers=1.1.1.1',
  '',
].join('\r\n');

const TERSE = [
  '# 2024-03-25 05:19:33 by RouterOS 7.14.1',
  '/interface bridge add admin-mac=48:8F:5A:00:00:01 auto-mac=no comment=defconf name=bridge',
  '/interface ethernet set [ find default-name=ether1 ] name=wan',
  '/interface wireguard add listen-port=13231 mtu=1420 name=wireguard1 private-key="aGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd28="',
  '/interface wireguard peers add allowed-address=10.0.0.2/32,10.9.0.0/24 comment=#1 interface=wireguard1 public-key="tcwVmGxZk1f00BQ7gQOEiaEj96I6VzJnL5TidjTwr2k="',
  '/ip firewall filter add action=accept chain=input comment="defconf: accept established,related,untracked" connection-state=established,related,untracked',
  '/ip firewall filter add action=drop chain=input comment="defconf: drop all not coming from LAN" disabled=yes in-interface-list=!LAN',
  '/ip dns set allow-remote-requests=yes servers=1.1.1.1',
  '',
].join('\n');

describe('compact export', () => {
  const config = build(COMPACT);

  it('puts items in canonical menus with their property texts', () => {
    expect(menuTexts(config, '/interface/bridge')).toEqual([
      { 'admin-mac': '48:8F:5A:00:00:01', 'auto-mac': 'no', comment: 'defconf', name: 'bridge' },
    ]);
    expect(menuTexts(config, '/interface/wireguard/peers')).toEqual([
      {
        'allowed-address': '10.0.0.2/32,10.9.0.0/24',
        comment: '#1',
        interface: 'wireguard1',
        'public-key': 'tcwVmGxZk1f00BQ7gQOEiaEj96I6VzJnL5TidjTwr2k=',
      },
    ]);
    const rules = config.items('/ip/firewall/filter');
    expect(rules.map((r) => prop(r, 'comment'))).toEqual([
      'defconf: accept established,related,untracked',
      'defconf: drop all not coming from LAN',
    ]);
    expect(splitList(rules[0]!.props.get('connection-state'))).toEqual(['established', 'related', 'untracked']);
    expect(isDisabled(rules[0]!)).toBe(false);
    expect(isDisabled(rules[1]!)).toBe(true);
    const negated = rules[1]!.props.get('in-interface-list')!;
    expect(negated.text).toBe('LAN');
    expect(negated.negated).toBe(true);
    expect(rules.every((r) => !r.uncertain && !r.implicit)).toBe(true);
  });

  it('records value, name and statement spans (quoted strings include their quotes)', () => {
    const wg = config.items('/interface/wireguard')[0]!;
    const pk = wg.props.get('private-key')!;
    expect(pk.span).toEqual(spanOf(COMPACT, '"aGVsbG8gd29ybGQgaGVsbG8gd29ybGQgaGVsbG8gd28="'));
    expect(pk.nameSpan).toEqual(spanOf(COMPACT, 'private-key'));
    expect(pk.statementSpan).toEqual(lineSpanOf(COMPACT, 'listen-port=13231'));
    expect(wg.span).toEqual(lineSpanOf(COMPACT, 'listen-port=13231'));
    expect(wg.props.get('listen-port')!.span).toEqual(spanOf(COMPACT, '13231'));

    // A value on a continuation line keeps its exact place in the file.
    const peer = config.items('/interface/wireguard/peers')[0]!;
    const key = peer.props.get('public-key')!;
    expect(key.span).toEqual(spanOf(COMPACT, '"tcwVmGxZk1f00BQ7gQOEiaEj96I6VzJnL5TidjTwr2k="'));
    expect(peer.span.start).toBe(spanOf(COMPACT, 'add allowed-address').start);
    expect(peer.span.end).toBe(key.span.end);
    expect(peer.props.get('allowed-address')!.span).toEqual(spanOf(COMPACT, '10.0.0.2/32,10.9.0.0/24'));
  });

  it('reads the export header and version', () => {
    expect(config.isExport).toBe(true);
    expect(config.header).toMatchObject({
      date: '2024-03-25 05:19:33',
      version: '7.14.1',
      softwareId: 'KNSD-I8YY',
      model: 'RB952Ui-5ac2nD',
      serialNumber: 'F43E0F67CA24',
    });
    expect(config.header!.span).toEqual(lineSpanOf(COMPACT, '# 2024-03-25'));
    expect(config.version).toMatchObject({ text: '7.14.1', major: 7, minor: 14, patch: 1, source: 'header' });
    expect(config.version!.span).toEqual(spanOf(COMPACT, '7.14.1'));
    expect(config.showsSensitive).toBe(true);
  });

  it('configures the singleton /ip dns item', () => {
    const dns = config.singleton('/ip/dns');
    expect(texts(dns)).toEqual({ 'allow-remote-requests': 'yes', servers: '1.1.1.1' });
    expect(dns!.implicit).toBe(true);
    expect(dns!.props.get('servers')!.span).toEqual(spanOf(COMPACT, '1.1.1.1'));
  });

  it('records every menu command with its canonical menu', () => {
    const adds = config.commands.filter((c) => c.command === 'add').map((c) => c.menu);
    expect(adds).toEqual(['/interface/bridge', '/interface/wireguard', '/interface/wireguard/peers', '/ip/firewall/filter', '/ip/firewall/filter']);
    const pathOnly = config.commands.filter((c) => c.command === null).map((c) => c.menu);
    expect(pathOnly).toContain('/interface/wireguard/peers');
    const find = config.commands.find((c) => c.command === 'find')!;
    expect(find.menu).toBe('/interface/ethernet');
    expect(find.args[0]).toMatchObject({ name: 'default-name', value: 'ether1' });
  });
});

describe('terse export', () => {
  it('gives the same items as the compact export', () => {
    const compact = build(COMPACT);
    const terse = build(TERSE);
    for (const menu of ['/interface/bridge', '/interface/ethernet', '/interface/wireguard', '/interface/wireguard/peers', '/ip/firewall/filter', '/ip/dns']) {
      expect(menuTexts(terse, menu)).toEqual(menuTexts(compact, menu));
      expect(menuTexts(terse, menu).length).toBeGreaterThan(0);
    }
    expect(terse.isExport).toBe(true);
  });

  it('uses the whole self-contained line as the statement span', () => {
    const terse = build(TERSE);
    const rule = terse.items('/ip/firewall/filter')[1]!;
    expect(rule.span).toEqual(lineSpanOf(TERSE, 'action=drop'));
    expect(rule.props.get('action')!.statementSpan).toEqual(lineSpanOf(TERSE, 'action=drop'));
    expect(rule.props.get('in-interface-list')!.span).toEqual(spanOf(TERSE, 'LAN', 1));
  });
});

describe('export header variants and version', () => {
  it('reads the pre-7.10 date style', () => {
    const c = build('# sep/17/2022 18:54:27 by RouterOS 7.5\n# software id = ABCD-1234\n/system identity\nset name=r1\n');
    expect(c.isExport).toBe(true);
    expect(c.header).toMatchObject({ date: 'sep/17/2022 18:54:27', version: '7.5', softwareId: 'ABCD-1234' });
    expect(c.version).toMatchObject({ text: '7.5', major: 7, minor: 5, patch: 0, source: 'header' });
  });

  it('reads v6 and pre-release version texts', () => {
    expect(build('# jan/02/1970 00:08:30 by RouterOS 6.43.8\n/ip dns set servers=1.1.1.1\n').version).toMatchObject({ major: 6, minor: 43, patch: 8 });
    expect(build('# 2024-05-01 10:00:00 by RouterOS 7.15rc1\n/ip dns set servers=1.1.1.1\n').version).toMatchObject({ text: '7.15rc1', major: 7, minor: 15, patch: 0 });
    expect(build('# ____-__-__ __:__:__ by RouterOS 7.18\n/ip dns set servers=1.1.1.1\n').header).toMatchObject({ date: '____-__-__ __:__:__', version: '7.18' });
  });

  it('reads the system id line and an empty software id', () => {
    const c = build('# 2025-01-02 03:04:05 by RouterOS 7.18\n# software id = \n# system id = abcDEF123\n/ip dns set servers=9.9.9.9\n');
    expect(c.header).toMatchObject({ softwareId: '', systemId: 'abcDEF123', version: '7.18' });
  });

  it('lets the routerosVersion option win over the header', () => {
    const c = build('# 2024-03-25 05:19:33 by RouterOS 7.14.1\n/ip dns set servers=1.1.1.1\n', { routerosVersion: '7.20.8' });
    expect(c.version).toMatchObject({ text: '7.20.8', major: 7, minor: 20, patch: 8, source: 'option' });
    expect(c.header!.version).toBe('7.14.1');
  });

  it('is not an export without a header; a header-like comment later in the file does not count', () => {
    const c = build('/ip dns set servers=1.1.1.1\n# 2024-03-25 05:19:33 by RouterOS 7.14.1\n');
    expect(c.isExport).toBe(false);
    expect(c.header).toBeUndefined();
    expect(c.version).toBeUndefined();
  });

  it('showsSensitive only when some private-key is present', () => {
    expect(build('/interface wireguard\nadd listen-port=13231 mtu=1420 name=wg1\n').showsSensitive).toBe(false);
    expect(build('/interface wireguard peers\nadd interface=wg1 public-key="x" private-key="y"\n').showsSensitive).toBe(true);
  });
});
