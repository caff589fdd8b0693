/**
 * Items made by a plain `add` read their properties from the command log (logged-item.ts). These
 * tests pin that such an item answers exactly like the Map of PropertyValues it replaces: the same
 * values and spans, Map order and semantics, and the same fast answers `prop`/`isDisabled` give.
 */
import { describe, expect, it } from 'vitest';
import { rng as seeded } from '../../../bench/generate.mjs';
import { LoggedItem } from '../src/model/logged-item.js';
import { isDisabled, prop, type Item, type PropertyValue } from '../src/model/types.js';
import { build, spanOf } from './model-helpers.js';

const PEERS = '/interface/wireguard/peers';

function only(text: string, menu: string): Item {
  const items = build(text).items(menu);
  expect(items).toHaveLength(1);
  return items[0]!;
}

/** The same properties as an ordinary Map (what the model held before). */
function asMap(item: Item): Map<string, PropertyValue> {
  return new Map([...item.props].map(([k, v]) => [k, { ...v }]));
}

describe('log-backed item properties', () => {
  it('a plain add is backed by the log and answers with the values and spans of its arguments', () => {
    const text = '/interface wireguard peers\nadd allowed-address=10.0.0.2/32 comment= endpoint-address=$ep interface=wg1 public-key="k=" disabled=yes\n';
    const item = only(text, PEERS);
    expect(item).toBeInstanceOf(LoggedItem);
    expect([...item.props.keys()]).toEqual(['allowed-address', 'comment', 'endpoint-address', 'interface', 'public-key', 'disabled']);
    const line = { start: text.indexOf('add'), end: text.indexOf('\n', text.indexOf('add')) };
    expect(item.props.get('allowed-address')).toEqual({
      text: '10.0.0.2/32', negated: false, dynamic: false, uncertain: false,
      span: spanOf(text, '10.0.0.2/32'), nameSpan: spanOf(text, 'allowed-address'), statementSpan: line,
    });
    // `name=`: empty text, empty span right after the `=`.
    const at = spanOf(text, 'comment=').end;
    expect(item.props.get('comment')).toMatchObject({ text: '', dynamic: false, span: { start: at, end: at } });
    // A variable: its source text, dynamic and uncertain; the item is uncertain too.
    expect(item.props.get('endpoint-address')).toMatchObject({ text: '$ep', dynamic: true, uncertain: true, span: spanOf(text, '$ep') });
    expect(item.uncertain).toBe(true);
    expect(item.props.get('public-key')).toMatchObject({ text: 'k=', span: spanOf(text, '"k="') });
    expect(prop(item, 'public-key')).toBe('k=');
    expect(prop(item, 'comment')).toBe('');
    expect(prop(item, 'endpoint-address')).toBe('$ep');
    expect(prop(item, 'mtu')).toBeUndefined();
    expect(isDisabled(item)).toBe(true);
    expect(item.props.size).toBe(6);
    expect(item.props.has('interface')).toBe(true);
    expect(item.props.has('mtu')).toBe(false);
    expect(Object.prototype.toString.call(item.props)).toBe('[object Map]');
  });

  it('abbreviations, repeated names, negation, code blocks and dotted prefixes become what a Map filled in order holds', () => {
    const text = [
      '/ip firewall filter',
      'add chain=input src-address=!10.0.0.0/8 chain=forward action=accept',
      '/system scheduler',
      'add name=s on-event={ :log info x } interval=1d',
      '/interface wifi',
      'add configuration.mode=ap .ssid=office name=w1',
      '/interface wireguard',
      'add name=wg1 disabled=$d',
    ].join('\n');
    const config = build(text);
    const rule = config.items('/ip/firewall/filter')[0]!;
    expect([...rule.props.keys()]).toEqual(['chain', 'src-address', 'action']);
    expect(prop(rule, 'chain')).toBe('forward');
    expect(rule.props.get('src-address')).toMatchObject({ text: '10.0.0.0/8', negated: true });
    const sched = config.items('/system/scheduler')[0]!;
    expect(sched.props.get('on-event')).toMatchObject({ text: '{ :log info x }', dynamic: false });
    expect(sched.uncertain).toBe(false);
    const wifi = config.items('/interface/wifi')[0]!;
    expect([...wifi.props.keys()]).toEqual(['configuration.mode', 'configuration.ssid', 'name']);
    // A dynamic `disabled` is not "disabled" for rules.
    expect(isDisabled(config.items('/interface/wireguard')[0]!)).toBe(false);
  });

  it('under control flow the values are uncertain', () => {
    const item = only(':if ($x) do={ /interface wireguard peers add interface=wg1 public-key="k=" }', PEERS);
    expect(item.props.get('interface')).toMatchObject({ text: 'wg1', uncertain: true });
    expect(item.uncertain).toBe(true);
  });

  it('a later set, unset or disable changes the item like an ordinary Map', () => {
    const text = [
      '/interface wireguard peers',
      'add interface=wg1 public-key="k=" comment=a',
      'set [ find comment=a ] endpoint-port=51820 interface=wg2',
      'unset [ find comment=a ] comment',
      'disable [ find interface=wg2 ]',
    ].join('\n');
    const item = only(text, PEERS);
    expect([...item.props.keys()]).toEqual(['interface', 'public-key', 'endpoint-port', 'disabled']);
    expect(prop(item, 'interface')).toBe('wg2');
    expect(item.props.get('interface')!.span).toEqual(spanOf(text, 'wg2'));
    expect(isDisabled(item)).toBe(true);
  });

  it('follows Map semantics under any sequence of changes (random operations against a real Map)', () => {
    const names = ['interface', 'public-key', 'comment', 'allowed-address', 'mtu', 'disabled'];
    const next = seeded(11).next;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    for (let round = 0; round < 200; round++) {
      const args = names.filter(() => next() < 0.6).map((n) => `${n}=v${Math.floor(next() * 9)}`);
      const item = only(`/interface wireguard peers\nadd ${args.join(' ')}\n`, PEERS);
      const props = item.props;
      const expected = asMap(item);
      for (let step = 0; step < 8; step++) {
        const name = pick(names);
        const op = pick(['get', 'set', 'delete', 'has'] as const);
        if (op === 'set') {
          const v = { ...(expected.get(name) ?? [...expected.values()][0] ?? ({} as PropertyValue)), text: `s${step}` };
          props.set(name, v);
          expected.set(name, v);
        } else if (op === 'delete') expect(props.delete(name)).toBe(expected.delete(name));
        else if (op === 'has') expect(props.has(name)).toBe(expected.has(name));
        else expect(props.get(name)).toEqual(expected.get(name));
        // The view taken before a change and the props taken now agree.
        expect([...props.entries()]).toEqual([...expected.entries()]);
        expect([...item.props.entries()]).toEqual([...expected.entries()]);
        expect(props.size).toBe(expected.size);
        for (const n of names) expect(prop(item, n)).toBe(expected.get(n)?.text);
      }
      const seen: string[] = [];
      props.forEach((v, k, m) => {
        expect(m).toBe(props);
        expect(v).toEqual(expected.get(k));
        seen.push(k);
      });
      expect(seen).toEqual([...expected.keys()]);
      expect([...props.values()]).toEqual([...expected.values()]);
    }
  });
});
