import { describe, expect, it } from 'vitest';
import { isDisabled, prop } from '../src/model/index.js';
import { build, lineSpanOf, menuTexts, spanOf } from './model-helpers.js';

const FILTER = '/ip firewall filter\nadd chain=input action=accept comment=a\nadd chain=input action=drop comment=b disabled=yes\nadd chain=forward action=drop comment=c\n';
const comments = (c: ReturnType<typeof build>): (string | undefined)[] => c.items('/ip/firewall/filter').map((i) => prop(i, 'comment'));

describe('set by [find …] and where', () => {
  it('filters by prop=value and flags (`!disabled`)', () => {
    const text = FILTER + 'set [find chain=input !disabled] log=yes\n';
    const c = build(text);
    const [a, b, cc] = c.items('/ip/firewall/filter');
    expect(prop(a!, 'log')).toBe('yes');
    expect(prop(b!, 'log')).toBeUndefined();
    expect(prop(cc!, 'log')).toBeUndefined();
    expect(a!.props.get('log')!.span).toEqual(spanOf(text, 'yes', 1));
    expect(a!.props.get('log')!.statementSpan).toEqual(lineSpanOf(text, 'set [find'));
    expect(a!.touchedBy).toEqual([lineSpanOf(text, 'set [find')]);
    expect(a!.uncertain).toBe(false);
  });

  it('evaluates where with ~, &&, ||, !, =, !=', () => {
    const c = build(
      FILTER +
        'set [find where chain=forward && comment~"^c"] log-prefix=fwd\n' +
        'set [find where comment="a" || comment="b"] place=ab\n' +
        'set [find where !(chain=input)] other=1\n' +
        'set [find where chain!=forward and !disabled] x=2\n',
    );
    expect(menuTexts(c, '/ip/firewall/filter')).toEqual([
      { chain: 'input', action: 'accept', comment: 'a', place: 'ab', x: '2' },
      { chain: 'input', action: 'drop', comment: 'b', disabled: 'yes', place: 'ab' },
      { chain: 'forward', action: 'drop', comment: 'c', 'log-prefix': 'fwd', other: '1' },
    ]);
  });

  it('evaluates `in` on IPv4 prefixes and < > on numbers', () => {
    const c = build(
      '/ip address\nadd address=10.0.0.1/24 interface=a\nadd address=192.168.1.1/24 interface=b\nset [find where address in 10.0.0.0/8] comment=ten\n' +
        '/interface wireguard\nadd name=wg1 mtu=1420\nadd name=wg2 mtu=1380\nset [find where mtu<1400] comment=small\nset [find where mtu>1400] comment=big\n',
    );
    expect(menuTexts(c, '/ip/address').map((i) => i.comment)).toEqual(['ten', undefined]);
    expect(menuTexts(c, '/interface/wireguard').map((i) => i.comment)).toEqual(['big', 'small']);
  });

  it('sets by name, by print-order number, by comma list', () => {
    const c = build('/interface wireguard\nadd name=wg1\nadd name=wg2\nadd name=wg3\nset wg2 mtu=1400\nset 0 mtu=1300\nset wg1,wg3 comment=x\n');
    expect(menuTexts(c, '/interface/wireguard')).toEqual([
      { name: 'wg1', mtu: '1300', comment: 'x' },
      { name: 'wg2', mtu: '1400' },
      { name: 'wg3', comment: 'x' },
    ]);
  });

  it('a regex that cannot be checked safely leaves matches uncertain instead of guessing', () => {
    const c = build('/interface wireguard\nadd name=wg1\nset [find where name~"(a+)+$"] comment=x\n');
    const wg = c.items('/interface/wireguard')[0]!;
    expect(wg.props.get('comment')!.uncertain).toBe(true);
    expect(wg.uncertain).toBe(true);
  });
});

describe('place-before', () => {
  it('inserts at a 0-based print-order number', () => {
    const c = build(FILTER + 'add chain=input action=accept comment=wg place-before=1\nadd chain=input comment=first place-before=0\n');
    expect(comments(c)).toEqual(['first', 'a', 'wg', 'b', 'c']);
    // place-before is a command argument, not a property of the rule.
    expect(c.items('/ip/firewall/filter')[2]!.props.has('place-before')).toBe(false);
  });

  it('inserts before the item a [find …] picks', () => {
    const c = build(FILTER + 'add chain=forward comment=before-c place-before=[find comment=c]\n');
    expect(comments(c)).toEqual(['a', 'b', 'before-c', 'c']);
  });

  it('inserts before an item given by name; a target the file does not show leaves the position uncertain', () => {
    const c = build('/queue simple\nadd name=q1 target=10.0.0.1/32\nadd name=q0 target=10.0.0.0/32 place-before=q1\nadd name=q9 target=10.0.0.9/32 place-before=*7\n');
    expect(menuTexts(c, '/queue/simple').map((q) => q.name)).toEqual(['q0', 'q1', 'q9']);
    expect(c.items('/queue/simple').map((q) => q.uncertain)).toEqual([false, false, true]);
  });

  it('appends when the number is past the end', () => {
    const c = build(FILTER + 'add chain=input comment=z place-before=99\n');
    expect(comments(c)).toEqual(['a', 'b', 'c', 'z']);
  });
});

describe('move', () => {
  it('move N destination=M puts item N before the item at M', () => {
    const text = FILTER + 'move 2 destination=0\n';
    const c = build(text);
    expect(comments(c)).toEqual(['c', 'a', 'b']);
    expect(c.items('/ip/firewall/filter')[0]!.touchedBy).toEqual([lineSpanOf(text, 'move 2')]);
  });

  it('move [find …] with a positional destination, and 7.x numbers=', () => {
    expect(comments(build(FILTER + 'move [find comment=c] 1\n'))).toEqual(['a', 'c', 'b']);
    expect(comments(build(FILTER + 'move numbers=0 destination=2\n'))).toEqual(['b', 'a', 'c']);
  });

  it('move without destination moves to the end', () => {
    expect(comments(build(FILTER + 'move 0\n'))).toEqual(['b', 'c', 'a']);
  });
});

describe('remove', () => {
  it('removes by find and by name, remembering removed items', () => {
    const text = FILTER + 'remove [find comment=b]\n/interface wireguard\nadd name=wg1\nadd name=wg2\nremove wg1\n';
    const c = build(text);
    expect(comments(c)).toEqual(['a', 'c']);
    expect(menuTexts(c, '/interface/wireguard')).toEqual([{ name: 'wg2' }]);
    const removed = c.menus.get('/interface/wireguard')!.removed!;
    expect(removed.map((i) => prop(i, 'name'))).toEqual(['wg1']);
    expect(removed[0]!.removed).toBe(true);
    expect(removed[0]!.touchedBy).toEqual([lineSpanOf(text, 'remove wg1')]);
  });

  it('a remove under :if keeps the item, marked uncertain', () => {
    const c = build('/interface wireguard\nadd name=wg1\n:if ($cleanup) do={ /interface wireguard remove wg1 }\n');
    const wg = c.items('/interface/wireguard')[0]!;
    expect(wg.removed).toBeUndefined();
    expect(wg.uncertain).toBe(true);
    expect(wg.touchedBy).toHaveLength(1);
  });

  it('numbers after a remove follow the new order', () => {
    expect(comments(build(FILTER + 'remove 0\nset 0 comment=B\n'))).toEqual(['B', 'c']);
  });
});

describe('disabled items', () => {
  it('disabled=yes, disable and enable', () => {
    const text = FILTER + 'disable [find comment=a]\nenable [find comment=b]\n';
    const c = build(text);
    const [a, b, cc] = c.items('/ip/firewall/filter');
    expect(isDisabled(a!)).toBe(true);
    expect(isDisabled(b!)).toBe(false);
    expect(isDisabled(cc!)).toBe(false);
    // The synthesised value points at the command word that set it.
    const word = spanOf(text, 'disable [find').start;
    expect(a!.props.get('disabled')!.span).toEqual({ start: word, end: word + 'disable'.length });
    expect(b!.props.get('disabled')!.text).toBe('no');
  });

  it('set … disabled=yes by name', () => {
    const c = build('/interface wireguard\nadd name=wg1\nset wg1 disabled=yes\n');
    expect(isDisabled(c.items('/interface/wireguard')[0]!)).toBe(true);
  });
});

describe('unset and comment', () => {
  it('`!prop` in set and `unset … value-name=` remove a property', () => {
    const c = build('/interface wireguard peers\nadd interface=wg1 public-key="k" endpoint-address=1.2.3.4 endpoint-port=13231 comment=x\nset 0 !endpoint-port\nunset 0 value-name=endpoint-address\n');
    expect(menuTexts(c, '/interface/wireguard/peers')).toEqual([{ interface: 'wg1', 'public-key': 'k', comment: 'x' }]);
  });

  it('the comment command sets the comment', () => {
    const text = '/interface wireguard\nadd name=wg1\ncomment wg1 comment="uplink tunnel"\n';
    const c = build(text);
    const wg = c.items('/interface/wireguard')[0]!;
    expect(prop(wg, 'comment')).toBe('uplink tunnel');
    expect(wg.props.get('comment')!.span).toEqual(spanOf(text, '"uplink tunnel"'));
  });

  it('copy-from copies the source item properties', () => {
    const c = build('/ip firewall filter\nadd chain=input action=drop protocol=udp comment=orig\nadd copy-from=0 comment=copy\n');
    expect(menuTexts(c, '/ip/firewall/filter')[1]).toEqual({ chain: 'input', action: 'drop', protocol: 'udp', comment: 'copy' });
  });
});

describe('7.x numbers= argument', () => {
  it('set/remove accept numbers= as the selector', () => {
    const c = build(FILTER + 'set numbers=1 comment=B\nremove numbers=2\n');
    expect(comments(c)).toEqual(['a', 'B']);
  });
});
