import { describe, expect, it } from 'vitest';
import {
  argInfo, argsOf, canonicalizeMenuPath, commandInfo, commandsOf, describeVersions, existsIn, isCommand, isMenu,
  knownVersions, menuInfo, resolveArgName, resolveCommandName, resolveVersion, suggestArgs, suggestMenus, versionsOf,
} from '@roslint/schema';

const PEERS = '/interface/wireguard/peers';
const from = (first: string) => knownVersions().slice(knownVersions().indexOf(first));

describe('known versions', () => {
  it('lists every stable line 7.9–7.24 in ascending order', () => {
    const v = knownVersions();
    expect(v[0]).toBe('7.9.2');
    expect(v[v.length - 1]).toBe('7.24');
    expect(v.map((x) => Number(x.split('.')[1]))).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
  });

  it('resolves any version text onto a known release line', () => {
    expect(resolveVersion('7.22.1')).toBe('7.22.3'); // same line
    expect(resolveVersion('7.16rc1')).toBe('7.16.2');
    expect(resolveVersion('RouterOS 7.12.1 (stable)')).toBe('7.12.2');
    expect(resolveVersion('7.9')).toBe('7.9.2');
    expect(resolveVersion('7.24.1')).toBe('7.24');
    expect(resolveVersion('7.30')).toBe('7.24'); // newer than all → newest
    expect(resolveVersion('8.1')).toBe('7.24');
    expect(resolveVersion('7.8')).toBeUndefined(); // older than the oldest line
    expect(resolveVersion('6.49.6')).toBeUndefined();
    expect(resolveVersion('')).toBeUndefined();
    expect(resolveVersion('stable')).toBeUndefined();
  });
});

describe('WireGuard lookups against the real data', () => {
  it('peers add takes allowed-address in every version', () => {
    const add = commandInfo(PEERS, 'add');
    expect(add?.args).toEqual(expect.arrayContaining(['allowed-address', 'public-key', 'interface', 'endpoint-address']));
    expect(versionsOf(PEERS, 'add', 'allowed-address')).toEqual(knownVersions());
  });

  it('responder exists from 7.17 on, is-responder only in 7.15–7.16', () => {
    expect(versionsOf(PEERS, 'add', 'responder')).toEqual(from('7.17.1'));
    expect(versionsOf(PEERS, 'add', 'is-responder')).toEqual(['7.15.3', '7.16.2']);
    expect(describeVersions(versionsOf(PEERS, 'set', 'is-responder')!)).toBe('7.15.3–7.16.2');
    expect(existsIn('7.16.1', PEERS, 'add', 'responder')).toBe(false);
    expect(existsIn('7.17', PEERS, 'add', 'responder')).toBe(true);
    expect(existsIn('7.18', PEERS, 'add', 'is-responder')).toBe(false);
    expect(existsIn('6.48', PEERS, 'add', 'responder')).toBeUndefined();
  });

  it('vrf on /interface/wireguard add only from 7.21', () => {
    expect(versionsOf('/interface/wireguard', 'add', 'vrf')).toEqual(from('7.21.5'));
    expect(argsOf('/interface/wireguard', 'add', '7.20.8')).not.toContain('vrf');
    expect(argsOf('/interface/wireguard', 'add', '7.21.1')).toContain('vrf');
  });

  it('wg-import / wg-export commands exist from 7.12', () => {
    expect(versionsOf('/interface/wireguard', 'wg-import')).toEqual(from('7.12.2'));
    expect(commandsOf('/interface/wireguard', '7.11')).not.toContain('wg-export');
  });

  it('reports value kinds and values', () => {
    expect(argInfo(PEERS, 'add', 'persistent-keepalive')?.kind).toEqual({ kind: 'time', min: 0, max: 65535 });
    expect(argInfo(PEERS, 'add', 'comment')?.kind).toEqual({ kind: 'string' });
    const responder = argInfo(PEERS, 'add', 'responder');
    expect(responder).toMatchObject({ kind: { kind: 'yes-no' }, values: ['no', 'yes'], closed: true });
    // completion lists that are suggestions, not the whole set, stay open
    expect(argInfo(PEERS, 'add', 'preshared-key')).toMatchObject({ values: ['auto', 'none'], closed: false });
    expect(argInfo('/interface/wireguard', 'add', 'mtu')).toMatchObject({ values: ['auto'], closed: false });
    const action = argInfo('/ip/firewall/filter', 'add', 'action');
    expect(action?.values).toEqual(expect.arrayContaining(['accept', 'drop', 'jump', 'fasttrack-connection']));
    // no values copied from the dumping router's own objects
    expect(argInfo('/ip/address', 'add', 'interface')?.values).toBeUndefined();
    expect(argInfo('/nope', 'add', 'x')).toBeUndefined();
  });

  it('enums spelled out in desc are closed lists', () => {
    const days = argInfo('/user-manager/profile-limitation', 'add', 'weekdays');
    expect(days?.closed).toBe(true);
    expect(days?.kind).toEqual({ kind: 'enum-list' });
    expect(days?.values).toEqual(expect.arrayContaining(['sunday', 'saturday']));
  });
});

describe('menus and commands', () => {
  it('tells menus from commands', () => {
    expect(isMenu(PEERS)).toBe(true);
    expect(isMenu('/interface/wireguard/add')).toBe(false);
    expect(isCommand('/interface/wireguard', 'add')).toBe(true);
    expect(isCommand('/interface/wireguard', 'peers')).toBe(false);
    expect(isCommand([], 'put')).toBe(true); // global commands live at the root
    expect(isCommand('/interface/wireguard', 'wg-import', '7.11.3')).toBe(false);
    expect(menuInfo('/ip')?.menus).toEqual(expect.arrayContaining(['address', 'firewall', 'route']));
    expect(menuInfo([])?.versions).toEqual(knownVersions());
    expect(menuInfo('/interface/wireguard/peer')).toBeUndefined();
  });
});

describe('abbreviations', () => {
  it('expands unique prefixes like RouterOS', () => {
    expect(canonicalizeMenuPath(['sys', 'ident'])).toEqual(['system', 'identity']);
    expect(canonicalizeMenuPath(['ip', 'fire', 'fil'])).toEqual(['ip', 'firewall', 'filter']);
    expect(canonicalizeMenuPath(['interface', 'wireg', 'peer'])).toEqual(['interface', 'wireguard', 'peers']);
    expect(canonicalizeMenuPath(['interface', 'wireguard', 'peers'], '7.22.1')).toEqual(['interface', 'wireguard', 'peers']);
    expect(canonicalizeMenuPath([])).toEqual([]);
  });

  it('lets an exact name win over longer names it prefixes', () => {
    expect(canonicalizeMenuPath(['ip'])).toEqual(['ip']); // not ambiguous with ipv6
    expect(canonicalizeMenuPath(['interface', 'gre'])).toEqual(['interface', 'gre']); // gre6
    expect(canonicalizeMenuPath(['interface', 'bridge', 'port'])).toEqual(['interface', 'bridge', 'port']);
    expect(canonicalizeMenuPath(['interface', 'bridge', 'port-c'])).toEqual(['interface', 'bridge', 'port-controller']);
    expect(canonicalizeMenuPath(['interface', 'bridge', 'port-'])).toBeUndefined(); // controller, extender
  });

  it('rejects ambiguous, unknown and command words', () => {
    expect(canonicalizeMenuPath(['interface', 'w'])).toBeUndefined(); // wireguard, wireless, wifi, …
    expect(canonicalizeMenuPath(['ip', 'a'])).toBeUndefined(); // address, arp, …
    expect(canonicalizeMenuPath(['nope'])).toBeUndefined();
    expect(canonicalizeMenuPath(['interface', 'wireguard', 'add'])).toBeUndefined(); // a command, not a menu
    expect(canonicalizeMenuPath(['interface', ''])).toBeUndefined();
  });

  it('respects the version', () => {
    // `wifi` arrived in 7.13 and `wifiwave2` left after 7.12: in 7.12 `wifi` abbreviates wifiwave2
    expect(versionsOf('/interface/wifi')![0]).toBe('7.13.5');
    expect(versionsOf('/interface/wifiwave2')!.at(-1)).toBe('7.12.2');
    expect(canonicalizeMenuPath(['interface', 'wifi'], '7.12.2')).toEqual(['interface', 'wifiwave2']);
    expect(canonicalizeMenuPath(['interface', 'wifi'], '7.13')).toEqual(['interface', 'wifi']);
    expect(canonicalizeMenuPath(['interface', 'wifi'])).toEqual(['interface', 'wifi']); // exact in some version
    expect(canonicalizeMenuPath(['interface', 'wifiw'], '7.13')).toBeUndefined();
  });

  it('expands command and argument names', () => {
    expect(resolveCommandName('/ip/address', 'pr')).toBe('print');
    expect(resolveCommandName('/ip/address', 'add')).toBe('add');
    expect(resolveCommandName('/ip/address', 'e')).toBeUndefined(); // edit, enable, export
    expect(resolveCommandName('/interface/wireguard', 'peers')).toBeUndefined(); // a menu
    expect(resolveArgName(PEERS, 'add', 'allowed-addr')).toBe('allowed-address');
    expect(resolveArgName(PEERS, 'add', 'client-a')).toBeUndefined(); // client-address, client-allowed-address
    expect(resolveArgName(PEERS, 'add', 'responder', '7.16')).toBeUndefined();
  });
});

describe('did-you-mean', () => {
  it('suggests close sibling names', () => {
    expect(suggestArgs(PEERS, 'add', 'alowed-address')).toEqual(['allowed-address']);
    expect(suggestMenus('/interface/wireguard', 'peer')).toEqual(['peers']);
    expect(suggestMenus('/interface', 'wireguad')).toEqual(['wireguard']);
    expect(suggestArgs(PEERS, 'add', 'zzzzzz')).toEqual([]);
  });
});
