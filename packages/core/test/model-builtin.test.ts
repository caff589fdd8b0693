import { describe, expect, it } from 'vitest';
import { findItemByName, isDisabled, itemName, prop } from '../src/model/index.js';
import { build, lineSpanOf, menuTexts, spanOf, texts } from './model-helpers.js';

describe('implicit built-in items', () => {
  it('set [ find default-name=ether1 ] creates the built-in item once; later sets reach it by its new name', () => {
    const text = '/interface ethernet\nset [ find default-name=ether1 ] name=wan\nset [ find default-name=ether2 ] mtu=1500\nset wan comment=uplink\n';
    const c = build(text);
    const items = c.items('/interface/ethernet');
    expect(items.map(texts)).toEqual([
      { 'default-name': 'ether1', name: 'wan', comment: 'uplink' },
      { 'default-name': 'ether2', mtu: '1500' },
    ]);
    const wan = items[0]!;
    expect(wan.implicit).toBe(true);
    expect(wan.uncertain).toBe(false);
    expect(wan.span).toEqual(lineSpanOf(text, 'default-name=ether1'));
    expect(wan.touchedBy).toEqual([lineSpanOf(text, 'set wan')]);
    expect(wan.props.get('default-name')!.span).toEqual(spanOf(text, 'ether1'));
    expect(wan.props.get('default-name')!.nameSpan).toEqual(spanOf(text, 'default-name'));
    expect(wan.props.get('name')!.span).toEqual(spanOf(text, 'wan'));
    // A never-renamed built-in is named by its default-name.
    expect(itemName(items[1]!)).toBe('ether2');
    expect(findItemByName(c, '/interface/ethernet', 'ether2')).toBe(items[1]);
  });

  it('set <name> on an item no add created makes an implicit item with that name', () => {
    const text = '/ip service\nset telnet disabled=yes\nset ftp disabled=yes\nset telnet port=2323\n';
    const c = build(text);
    expect(menuTexts(c, '/ip/service')).toEqual([
      { name: 'telnet', disabled: 'yes', port: '2323' },
      { name: 'ftp', disabled: 'yes' },
    ]);
    const telnet = c.items('/ip/service')[0]!;
    expect(telnet.props.get('name')!.span).toEqual(spanOf(text, 'telnet'));
    expect(isDisabled(telnet)).toBe(true);
  });

  it('set [ find default=yes ] and set [ find name=all ]', () => {
    const c = build(
      '/interface wireless security-profiles\nset [ find default=yes ] supplicant-identity=MikroTik\nset [ find default=yes ] mode=dynamic-keys\n' +
        '/interface list\nadd name=LAN\nset [ find name=all ] comment="contains all interfaces"\n',
    );
    expect(menuTexts(c, '/interface/wireless/security-profiles')).toEqual([
      { default: 'yes', 'supplicant-identity': 'MikroTik', mode: 'dynamic-keys' },
    ]);
    expect(menuTexts(c, '/interface/list')).toEqual([{ name: 'LAN' }, { name: 'all', comment: 'contains all interfaces' }]);
    const all = c.items('/interface/list')[1]!;
    expect(all.implicit).toBe(true);
    expect(c.items('/interface/list')[0]!.implicit).toBe(false);
  });

  it('does not guess properties a built-in item may have: a where on them is uncertain', () => {
    const c = build('/interface wireless security-profiles\nset [ find default=yes ] supplicant-identity=MikroTik\nset [ find where mode=dynamic-keys ] comment=x\n');
    const profile = c.items('/interface/wireless/security-profiles')[0]!;
    expect(profile.props.get('comment')).toMatchObject({ text: 'x', uncertain: true });
    expect(profile.uncertain).toBe(true);
    expect(c.items('/interface/wireless/security-profiles')).toHaveLength(1);
  });

  it('set 0 on an empty fixed list creates its first item', () => {
    const c = build('/port\nset 0 name=serial0\n');
    expect(menuTexts(c, '/port')).toEqual([{ name: 'serial0' }]);
    expect(c.items('/port')[0]!.implicit).toBe(true);
  });

  it('*id references get one implicit item per id', () => {
    const c = build('/interface bridge port\nset *1A pvid=10\nset *1a comment=x\nset *2 pvid=20\n');
    expect(menuTexts(c, '/interface/bridge/port')).toEqual([{ pvid: '10', comment: 'x' }, { pvid: '20' }]);
  });
});

describe('singleton menus', () => {
  it('set without a selector configures the menu item; several sets accumulate', () => {
    const text = '/system identity\nset name=core-router\n/system note\nset show-at-login=no\n/ip dns\nset servers=1.1.1.1\nset allow-remote-requests=yes\n';
    const c = build(text);
    expect(texts(c.singleton('/system/identity'))).toEqual({ name: 'core-router' });
    expect(texts(c.singleton('/system/note'))).toEqual({ 'show-at-login': 'no' });
    const dns = c.singleton('/ip/dns')!;
    expect(texts(dns)).toEqual({ servers: '1.1.1.1', 'allow-remote-requests': 'yes' });
    expect(c.items('/ip/dns')).toEqual([dns]);
    expect(dns.span).toEqual(lineSpanOf(text, 'set servers'));
    expect(dns.touchedBy).toEqual([lineSpanOf(text, 'set allow-remote')]);
    expect(prop(dns, 'servers')).toBe('1.1.1.1');
    expect(c.singleton('/interface/wireguard')).toBeUndefined();
  });

  it('set without an item in a list menu (per the schema) creates nothing', () => {
    const c = build('/interface wireguard\nset mtu=1400\n');
    expect(c.items('/interface/wireguard')).toEqual([]);
    expect(c.singleton('/interface/wireguard')).toBeUndefined();
  });

  it('unset on a singleton removes the property', () => {
    const c = build('/ip dns\nset servers=1.1.1.1 cache-size=4096\nunset cache-size\n');
    expect(texts(c.singleton('/ip/dns'))).toEqual({ servers: '1.1.1.1' });
  });
});

describe('the generic /interface menu', () => {
  it('reaches interfaces defined in their own menus by name and by find', () => {
    const text = '/interface wireguard\nadd name=wg1 listen-port=13231\n/interface ethernet\nset [ find default-name=ether1 ] name=wan\n/interface\ndisable wg1\nset wan comment=uplink\nset [find name=wg1] mtu=1400\nset ether9 comment=other\n';
    const c = build(text);
    const wg = c.items('/interface/wireguard')[0]!;
    expect(prop(wg, 'disabled')).toBe('yes');
    expect(prop(wg, 'mtu')).toBe('1400');
    expect(wg.touchedBy).toEqual([lineSpanOf(text, 'disable wg1'), lineSpanOf(text, 'set [find name=wg1]')]);
    expect(prop(c.items('/interface/ethernet')[0]!, 'comment')).toBe('uplink');
    // A name no menu defines is a built-in seen only through /interface.
    expect(menuTexts(c, '/interface')).toEqual([{ name: 'ether9', comment: 'other' }]);
  });
});
