/**
 * The Linter with the real parser and model: suppressions and secrets on real RouterOS text
 * (continued export lines, item comments, embedded scripts).
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@roslint/parser';
import { Linter } from '../src/linter/linter.js';
import type { RouterRule } from '../src/rule.js';

const KEY = 'YNe4ZNhjUOdJhOd5oO1kDRJ0WxC3pRSkJGgc8Ag8qGQ=';

/** Reports every `listen-port` value of a WireGuard interface, read from the model. */
const listenPort: RouterRule = {
  meta: { id: 't/port', defaultSeverity: 'warning', summary: '', fixable: false, scope: 'router' },
  check(ctx) {
    for (const item of ctx.config.items('/interface/wireguard')) {
      const v = item.props.get('listen-port');
      if (v) ctx.report({ span: v.span, message: `port ${v.text}` });
    }
  },
};
const brief = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.severity} ${d.ruleId}`;
const lint = (text: string) => new Linter({ rules: [listenPort] }).lintText(text, { file: 'r.rsc' });

describe('Linter on real RouterOS text', () => {
  it('reads model spans and suppresses a continued command after disable-next-line', () => {
    const text = [
      '/interface wireguard',
      '# roslint-disable-next-line t/port -- fixed by the ISP',
      'add comment=first \\',
      '    listen-port=13231 mtu=1420 name=wg1',
      'add listen-port=13232 name=wg2',
      '',
    ].join('\n');
    expect(lint(text).diagnostics.map(brief)).toEqual(['5:17 warning t/port']);
  });

  it('honours roslint-ignore in the item comment, including for a later set of that item', () => {
    const text = [
      '/interface wireguard',
      'add comment="lab roslint-ignore: t/port" listen-port=1 name=wg1',
      'add listen-port=2 name=wg2',
      'set [ find name=wg1 ] listen-port=3',
      '',
    ].join('\n');
    const r = lint(text);
    expect(r.diagnostics.map(brief)).toEqual(['3:17 warning t/port']);
  });

  it('reports a disable region that suppressed nothing', () => {
    const text = '# roslint-disable t/port\n/ip address add address=10.0.0.1/24 interface=ether1\n# roslint-enable t/port\n';
    expect(lint(text).diagnostics.map(brief)).toEqual(['1:1 info roslint/unused-directive']);
  });

  it('finds secret values in commands, wrapped export lines and embedded scripts', () => {
    const text = [
      '/interface wireguard',
      `add listen-port=13231 name=wg1 private-key="${KEY}"`,
      '/interface wireguard peers',
      `add allowed-address=10.0.0.2/32 interface=wg1 preshared-key=\\`,
      `    "${KEY.slice(2)}AB" public-key="x"`,
      `/system script add name=rotate source="/interface wireguard set wg1 private-key=\\"${KEY.slice(4)}ABCD\\""`,
      '',
    ].join('\n');
    const r = lint(text);
    const secrets = r.secretSpans.map((s) => text.slice(s.start, s.end).replace(/\\"|"/g, ''));
    expect(secrets).toEqual([KEY, `${KEY.slice(2)}AB`, `${KEY.slice(4)}ABCD`]);
  });
});
