import { describe, expect, it } from 'vitest';
import { buildConfig, prop } from '../src/model/index.js';
import { parse } from '@roslint/parser';
import { build, menuTexts, spanOf } from './model-helpers.js';

describe('uncertainty', () => {
  it('items and values under :if are uncertain', () => {
    const text = '/interface wireguard\nadd name=wg1\n:if ([:len [find name=wg2]] = 0) do={\n  /interface wireguard add name=wg2 mtu=1400\n  /interface wireguard set wg1 mtu=1380\n} else={ /ip dns set servers=8.8.8.8 }\n';
    const c = build(text);
    const [wg1, wg2] = c.items('/interface/wireguard');
    expect(wg1!.uncertain).toBe(true);
    expect(wg1!.props.get('name')!.uncertain).toBe(false);
    expect(wg1!.props.get('mtu')!.uncertain).toBe(true);
    expect(wg2!.uncertain).toBe(true);
    expect(wg2!.props.get('mtu')!).toMatchObject({ text: '1400', uncertain: true, dynamic: false });
    expect(wg2!.props.get('mtu')!.span).toEqual(spanOf(text, '1400'));
    expect(c.singleton('/ip/dns')!.props.get('servers')!.uncertain).toBe(true);
    expect(c.commands.filter((r) => r.command === 'add').map((r) => r.uncertain)).toEqual([false, true]);
  });

  it('loops, :do and function bodies are uncertain too', () => {
    const c = build(
      ':foreach i in={1;2} do={ /ip firewall filter add chain=input comment=loop }\n' +
        ':do { /ip firewall filter add chain=input comment=do } on-error={ :log warning x }\n' +
        ':global mk do={ /ip firewall filter add chain=input comment=fn }\n',
    );
    const rules = c.items('/ip/firewall/filter');
    expect(rules.map((r) => prop(r, 'comment'))).toEqual(['loop', 'do', 'fn']);
    expect(rules.every((r) => r.uncertain)).toBe(true);
  });

  it('a bare { } block runs unconditionally', () => {
    const c = build('{\n  /ip firewall filter add chain=input comment=block\n}\n');
    expect(c.items('/ip/firewall/filter')[0]!.uncertain).toBe(false);
  });

  it('values from variables are dynamic and make the item uncertain', () => {
    const text = ':local n "wg-office"\n/interface wireguard add name=$n listen-port=13231\n';
    const c = build(text);
    const wg = c.items('/interface/wireguard')[0]!;
    expect(wg.props.get('name')).toMatchObject({ text: '$n', dynamic: true, uncertain: true });
    expect(wg.props.get('name')!.span).toEqual(spanOf(text, '$n'));
    expect(wg.props.get('listen-port')!.dynamic).toBe(false);
    expect(wg.uncertain).toBe(true);
  });

  it('a selector from a variable holding [find …] applies uncertainly; an unknown one marks the menu', () => {
    const c = build('/ip pool\nadd name=default-dhcp ranges=192.168.88.10-192.168.88.254\nadd name=other ranges=10.0.0.10-10.0.0.20\n/ip pool { :local o [find name="default-dhcp"]; remove $o }\n');
    const pools = c.items('/ip/pool');
    // Not removed for sure: kept, flagged.
    expect(pools.map((p) => prop(p, 'name'))).toEqual(['default-dhcp', 'other']);
    expect(pools[0]!.uncertain).toBe(true);
    expect(pools[1]!.uncertain).toBe(false);

    const d = build('/interface wireguard\nadd name=wg1\n:local id [:pick $ids 0]\n/interface wireguard set $id mtu=1280\n');
    const wg = d.items('/interface/wireguard')[0]!;
    expect(wg.uncertain).toBe(true);
    expect(prop(wg, 'mtu')).toBeUndefined();
  });

  it('embedded scripts are not evaluated', () => {
    const c = build('/system script\nadd name=mk source="/interface wireguard add name=wgX\\r\\n/ip dns set servers=9.9.9.9"\n');
    expect(c.items('/interface/wireguard')).toEqual([]);
    expect(c.singleton('/ip/dns')).toBeUndefined();
    expect(menuTexts(c, '/system/script').map((s) => s.name)).toEqual(['mk']);
  });
});

describe('robustness', () => {
  it('never throws on odd input', () => {
    const inputs = [
      '',
      '/',
      '..\n..\n..\nadd x=1\n',
      'set\nremove\nmove\nunset\n',
      '/ip firewall filter\nadd place-before=[find where (((a~"[")))] chain=x\nmove [find] destination=$x\n',
      ':if (x) do={ :if (y) do={ /ip dns set servers=$s } }\n',
      '/interface wireguard\nset [find where name~"(x+)+y" || mtu<"abc"] comment=$c\nremove *FFFF\n',
      '"unterminated\n/ip dns set servers=1.1.1.1 [',
      '{{{{{{{{{{',
    ];
    for (const text of inputs) {
      expect(() => buildConfig(parse(text), { file: 'x.rsc' })).not.toThrow();
    }
  });

  it('never throws on random soups of RouterOS fragments', () => {
    const pieces = ['/ip firewall filter', '/interface wireguard', '..', '{', '}', '[', ']', '(', ')', 'add', 'set', 'remove', 'move', 'unset', 'disable',
      'enable', 'comment', 'find', 'where', 'name=wg1', 'chain=input', 'place-before=', 'place-before=0', 'destination=', 'numbers=',
      '!disabled', '$x', ':if', ':local', 'do=', '"str"', '~', '&&', '||', '0', '*1A', 'wg1,wg2', '\\\n', '\n', ';', '=', '#'];
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const parts: string[] = [];
      for (let i = 0, n = 1 + rnd(30); i < n; i++) parts.push(pieces[rnd(pieces.length)]!);
      const text = parts.join(rnd(3) === 0 ? '' : ' ');
      let parsed;
      try {
        parsed = parse(text);
      } catch {
        continue; // the parser's own robustness is tested in packages/parser
      }
      expect(() => buildConfig(parsed, { file: 'fuzz.rsc' }), text).not.toThrow();
    }
  });
});
