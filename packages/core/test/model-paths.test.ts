import { describe, expect, it } from 'vitest';
import { build, menuTexts, spanOf } from './model-helpers.js';

describe('current menu tracking', () => {
  it('a path-only line sets the menu for the following commands', () => {
    const c = build('/ip firewall filter\nadd chain=input action=accept\nadd chain=forward action=drop\n');
    expect(menuTexts(c, '/ip/firewall/filter')).toEqual([
      { chain: 'input', action: 'accept' },
      { chain: 'forward', action: 'drop' },
    ]);
  });

  it('slash style and space style name the same menu', () => {
    const c = build('/ip/firewall/filter add chain=input\n/ip firewall filter add chain=output\n/ip/firewall/filter\nadd chain=forward\n');
    expect(menuTexts(c, '/ip/firewall/filter').map((i) => i.chain)).toEqual(['input', 'output', 'forward']);
    expect([...c.menus.keys()].filter((m) => m.includes('filter'))).toEqual(['/ip/firewall/filter']);
  });

  it('a command with its own path does not change the current menu', () => {
    const c = build('/ip firewall filter\n/ip address add address=10.0.0.1/24 interface=ether1\nadd chain=input\n');
    expect(menuTexts(c, '/ip/address')).toEqual([{ address: '10.0.0.1/24', interface: 'ether1' }]);
    expect(menuTexts(c, '/ip/firewall/filter')).toEqual([{ chain: 'input' }]);
  });

  it('relative paths continue from the current menu, `..` goes up', () => {
    const c = build('/interface wireguard\nadd name=wg1\npeers\nadd interface=wg1 public-key="k"\n..\nadd name=wg2\n/ip firewall filter\n.. nat add chain=srcnat action=masquerade\nadd chain=input\n');
    expect(menuTexts(c, '/interface/wireguard').map((i) => i.name)).toEqual(['wg1', 'wg2']);
    expect(menuTexts(c, '/interface/wireguard/peers')).toEqual([{ interface: 'wg1', 'public-key': 'k' }]);
    expect(menuTexts(c, '/ip/firewall/nat')).toEqual([{ chain: 'srcnat', action: 'masquerade' }]);
    // `.. nat add` carried its own path: the current menu is still the filter menu.
    expect(menuTexts(c, '/ip/firewall/filter')).toEqual([{ chain: 'input' }]);
  });

  it('path blocks run their body relative to the path and restore the menu after', () => {
    const text = '/ip dns\n/ip firewall {\n  filter add chain=input action=drop\n  nat add chain=srcnat action=masquerade\n}\nset servers=1.1.1.1\n';
    const c = build(text);
    expect(menuTexts(c, '/ip/firewall/filter')).toEqual([{ chain: 'input', action: 'drop' }]);
    expect(menuTexts(c, '/ip/firewall/nat')).toEqual([{ chain: 'srcnat', action: 'masquerade' }]);
    const dns = c.singleton('/ip/dns')!;
    expect(dns.props.get('servers')!.span).toEqual(spanOf(text, '1.1.1.1'));
    expect(c.commands.find((r) => r.command === null && r.menu === '/ip/firewall')).toBeDefined();
  });

  it('a [find] sub-command inherits the parent command path', () => {
    const c = build('/ip route add dst-address=10.1.0.0/16 gateway=1.1.1.1\n:put [/ip route get [find gateway=1.1.1.1] dst-address]\n');
    const find = c.commands.find((r) => r.command === 'find')!;
    expect(find.menu).toBe('/ip/route');
    const get = c.commands.find((r) => r.command === 'get')!;
    expect(get.menu).toBe('/ip/route');
    // `:put` is a script command, not a menu command.
    expect(c.commands.some((r) => r.command === 'put')).toBe(false);
  });

  it('records the menu of every command, canonical and in source order', () => {
    const c = build('/interface wireguard peers\nadd interface=wg1 public-key="k"\nprint\n');
    expect(c.commands.map((r) => [r.menu, r.command])).toEqual([
      ['/interface/wireguard/peers', null],
      ['/interface/wireguard/peers', 'add'],
      ['/interface/wireguard/peers', 'print'],
    ]);
    expect(c.commands[1]!.menuSegments).toEqual(['interface', 'wireguard', 'peers']);
  });
});

describe('names as written vs canonical', () => {
  it('expands abbreviated menus, verbs and property names the schema knows', () => {
    const c = build('/ip fire fil add chain=input action=drop comm=x\n/ip firewall filter rem [find comment=x]\n/ip address add addr=10.0.0.1/24 interface=ether1\n');
    expect(c.items('/ip/firewall/filter')).toEqual([]);
    expect(c.menus.get('/ip/firewall/filter')!.removed!.map((i) => [...i.props.keys()])).toEqual([['chain', 'action', 'comment']]);
    expect(menuTexts(c, '/ip/address')).toEqual([{ address: '10.0.0.1/24', interface: 'ether1' }]);
    // The command log keeps names as written, for schema checks; the menu is canonical.
    expect(c.commands[0]).toMatchObject({ menu: '/ip/firewall/filter', menuSegments: ['ip', 'fire', 'fil'], menuKnown: true, command: 'add' });
    expect(c.commands.find((r) => r.command === 'rem')).toMatchObject({ menu: '/ip/firewall/filter', menuSegments: ['ip', 'firewall', 'filter'] });
  });

  it('keeps unknown menus as written and says so', () => {
    const c = build('/foo bar\nadd x=1\n');
    expect(menuTexts(c, '/foo/bar')).toEqual([{ x: '1' }]);
    expect(c.commands.map((r) => r.menuKnown)).toEqual([false, false]);
  });

  it('leading-dot arguments continue the previous dotted name (wifi)', () => {
    const c = build('/interface wifi\nadd configuration.mode=ap .ssid=home name=wifi1\n');
    expect(menuTexts(c, '/interface/wifi')).toEqual([{ 'configuration.mode': 'ap', 'configuration.ssid': 'home', name: 'wifi1' }]);
  });
});
