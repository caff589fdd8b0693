import { describe, expect, it } from 'vitest';
import { SourceText } from '@roslint/parser';
import type { CommandRecord, ReportDescriptor, RouterConfig, RouterRule, RouterOSVersion } from '@roslint/core';
import { schemaRules } from './index.js';
import { unknownMenu } from './unknown-menu.js';
import { unknownCommand } from './unknown-command.js';
import { unknownProperty } from './unknown-property.js';
import { invalidValue } from './invalid-value.js';
import { versionMismatch } from './version-mismatch.js';
import { missingRequired } from './missing-required.js';
import { parseTimeValue } from '@roslint/core';

// A minimal stand-in for the evaluator's command log, so these tests pin the rules alone:
// one command per line, `/path words [verb] name=value …`; relative lines use the current menu.
const VERBS = new Set(['add', 'set', 'print', 'remove', 'enable', 'disable', 'export', 'find', 'wg-import', 'adde', 'sett', 'pr', 'e', 'put']);

function configOf(text: string, versionText?: string): RouterConfig {
  const commands: CommandRecord[] = [];
  let current: string[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const tokens: { t: string; start: number; end: number }[] = [];
    const re = /\S+/g;
    for (let m = re.exec(line); m !== null; m = re.exec(line)) tokens.push({ t: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
    if (tokens.length > 0) {
      const absolute = tokens[0]!.t.startsWith('/');
      const verbAt = tokens.findIndex((x) => VERBS.has(x.t));
      let firstArg = verbAt >= 0 ? verbAt + 1 : tokens.findIndex((x) => x.t.includes('=') || x.t.startsWith('!'));
      if (firstArg < 0) firstArg = tokens.length;
      const head = tokens.slice(0, firstArg);
      let verb: (typeof tokens)[number] | undefined;
      if (head.length > 0 && (firstArg < tokens.length || verbAt >= 0)) verb = head.pop();
      const words = head.flatMap((h) => h.t.split('/').filter((w) => w !== ''));
      const menu = absolute ? words : [...current, ...words];
      if (verb === undefined) current = menu;
      const args: CommandRecord['args'] = tokens.slice(firstArg).map((a) => {
        if (a.t.startsWith('!')) return { name: a.t, value: undefined, span: { start: a.start, end: a.end } };
        const eq = a.t.indexOf('=');
        if (eq < 0) return { name: null, value: a.t, valueSpan: { start: a.start, end: a.end }, span: { start: a.start, end: a.end } };
        const raw = a.t.slice(eq + 1);
        return {
          name: a.t.slice(0, eq),
          value: raw.startsWith('$') ? undefined : raw.replace(/^"|"$/g, ''),
          nameSpan: { start: a.start, end: a.start + eq },
          valueSpan: { start: a.start + eq + 1, end: a.end },
          span: { start: a.start, end: a.end },
        };
      });
      commands.push({
        menu: '/' + menu.join('/'),
        menuSegments: menu,
        menuKnown: true,
        command: verb?.t ?? null,
        ...(verb ? { commandSpan: { start: verb.start, end: verb.end } } : {}),
        args,
        argNames: args.map((a) => a.name),
        argValues: args.map((a) => a.value),
        span: { start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end },
        uncertain: false,
      });
    }
    offset += line.length + 1;
  }
  let version: RouterOSVersion | undefined;
  if (versionText !== undefined) {
    const [major = 0, minor = 0, patch = 0] = versionText.split('.').map(Number);
    version = { text: versionText, major, minor, patch, source: 'header' };
  }
  return {
    file: 'test.rsc', source: new SourceText(text), comments: [], isExport: false, showsSensitive: false,
    menus: new Map(), commands, items: () => [], singleton: () => undefined, ...(version ? { version } : {}),
  };
}

interface Found { text: string; message: string; fix?: string }

function run(rule: RouterRule, text: string, version?: string): Found[] {
  const config = configOf(text, version);
  const reports: ReportDescriptor[] = [];
  const cache = new Map<unknown, unknown>();
  rule.check({
    config, options: undefined, report: (d) => reports.push(d),
    use: (a) => { if (!cache.has(a)) cache.set(a, a(config)); return cache.get(a) as never; },
  });
  return reports.map((r) => ({
    text: text.slice(r.span.start, r.span.end), message: r.message,
    ...(r.fix ? { fix: r.fix.edits.map((e) => e.text).join() } : {}),
  }));
}

describe('schema rules registry', () => {
  it('exports six router rules with schema/ ids', () => {
    expect(schemaRules.map((r) => r.meta.id).sort()).toEqual([
      'schema/invalid-value', 'schema/missing-required', 'schema/unknown-command', 'schema/unknown-menu',
      'schema/unknown-property', 'schema/version-mismatch',
    ]);
  });
});

describe('schema/unknown-menu', () => {
  it('flags a misspelt menu under a known parent, with a did-you-mean fix', () => {
    const found = run(unknownMenu, '/interface wireguard peerz\nadd interface=wg1 public-key="k"');
    expect(found).toEqual([{ text: 'peerz', message: expect.stringContaining('no menu `peerz` in /interface/wireguard; did you mean `peers`'), fix: 'peers' }]);
    // `peer` is not a typo: RouterOS expands the unique prefix to `peers`
    expect(run(unknownMenu, '/interface wireguard peer\nadd interface=wg1 public-key="k"')).toEqual([]);
  });

  it('resolves abbreviations instead of flagging them', () => {
    expect(run(unknownMenu, '/sys ident set name=r1\n/ip fire fil add chain=input')).toEqual([]);
  });

  it('flags ambiguous abbreviations', () => {
    const found = run(unknownMenu, '/interface w\nprint');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/`w` is ambiguous in \/interface: it abbreviates .*`wireguard`/);
  });

  it('leaves alone paths it cannot judge', () => {
    expect(run(unknownMenu, '/nosuchmenu\nadd name=x')).toHaveLength(1); // root is known: flagged once
    expect(run(unknownMenu, '/nosuchmenu deeper\nadd name=x').map((f) => f.text)).toEqual(['nosuchmenu']);
    expect(run(unknownMenu, '/interface wireguard add name=x')).toEqual([]); // a command, not a menu
    expect(run(unknownMenu, '/interface wireguard peer\nadd interface=x', '6.49.6')).toEqual([]); // RouterOS 6
  });
});

describe('schema/unknown-command', () => {
  it('flags a command the menu does not have', () => {
    const found = run(unknownCommand, '/ip address\nadde address=10.0.0.1/24 interface=ether1');
    expect(found).toEqual([{ text: 'adde', message: expect.stringContaining('/ip/address has no command `adde`; did you mean `add`'), fix: 'add' }]);
  });

  it('accepts abbreviations and global commands; flags ambiguous ones', () => {
    expect(run(unknownCommand, '/ip address pr\n/ip address put')).toEqual([]);
    expect(run(unknownCommand, '/ip address e')[0]?.message).toMatch(/ambiguous.*`edit`/);
  });
});

describe('schema/unknown-property', () => {
  it('flags a misspelt property with a fix', () => {
    const found = run(unknownProperty, '/interface wireguard peers\nadd interface=wg1 alowed-address=10.0.0.2/32 public-key="k"');
    expect(found).toEqual([{ text: 'alowed-address', message: expect.stringContaining('has no property `alowed-address`; did you mean `allowed-address`'), fix: 'allowed-address' }]);
  });

  it('accepts unique prefixes, properties of other versions and unset names', () => {
    expect(run(unknownProperty, '/interface wireguard peers\nadd interface=wg1 allowed-addr=10.0.0.2/32 responder=yes is-responder=yes\nset 0 !endpoint-address')).toEqual([]);
    expect(run(unknownProperty, '/interface wireguard peers\nset 0 !endpoint-adress')[0]?.text).toBe('endpoint-adress');
  });

  it('only judges add and set (find/print take filters and read-only fields)', () => {
    expect(run(unknownProperty, '/interface wireguard peers\nprint last-handshake=1s\nfind current-endpoint-address=1.2.3.4')).toEqual([]);
  });
});

describe('schema/invalid-value', () => {
  const peers = '/interface wireguard peers\n';
  it('flags values outside closed sets', () => {
    expect(run(invalidValue, peers + 'add interface=wg1 responder=maybe')).toEqual([{ text: 'maybe', message: expect.stringContaining('is not `yes` or `no`') }]);
    expect(run(invalidValue, peers + 'add interface=wg1 responder=yes disabled=true')).toEqual([]);
    expect(run(invalidValue, '/user-manager profile-limitation\nadd weekdays=monday,funday')[0]?.message).toContain('`funday` is not one of');
  });

  it('checks time intervals and their bounds', () => {
    expect(run(invalidValue, peers + 'add persistent-keepalive=25s\nadd persistent-keepalive=25\nadd persistent-keepalive=00:00:25\nadd persistent-keepalive=1m')).toEqual([]);
    expect(run(invalidValue, peers + 'add persistent-keepalive=25x')[0]?.message).toContain('not a time interval');
    expect(run(invalidValue, peers + 'add persistent-keepalive=1d')[0]?.message).toContain('outside the accepted range 0s..18h12m15s');
    expect(run(invalidValue, peers + 'add persistent-keepalive=1day')).toEqual([]); // old unit words: unverified
  });

  it('checks ports and leaves open value sets and run-time values alone', () => {
    expect(run(invalidValue, peers + 'add endpoint-port=70000')[0]).toEqual({ text: '70000', message: expect.stringContaining('port `70000` is outside 0–65535') });
    expect(run(invalidValue, '/ip firewall filter\nadd chain=my-chain action=accept dst-port=80,443,8000-8080')).toEqual([]);
    expect(run(invalidValue, '/ip firewall filter\nadd chain=input dst-port=1-65536')[0]?.text).toBe('1-65536');
    expect(run(invalidValue, '/interface wireguard\nadd mtu=1420 preshared-key=x')).toEqual([]);
    expect(run(invalidValue, peers + 'add responder=$flag')).toEqual([]);
  });

  it('flags words and out-of-range numbers in numeric arguments without an inspect desc', () => {
    const wg = '/interface wireguard\n';
    expect(run(invalidValue, wg + 'add name=wg1 listen-port=abc')).toEqual([{ text: 'abc', message: expect.stringContaining('`abc` is not a number') }]);
    expect(run(invalidValue, wg + 'add name=wg1 mtu=abc')).toEqual([{ text: 'abc', message: expect.stringContaining('`abc` is not a number or `auto`') }]);
    expect(run(invalidValue, peers + 'add interface=wg1 endpoint-port=http')[0]?.text).toBe('http');
    expect(run(invalidValue, '/ip route\nadd distance=300 gateway=10.0.0.1')).toEqual([{ text: '300', message: expect.stringContaining('outside the accepted range 0..255') }]);
    expect(run(invalidValue, '/ipv6 route\nadd distance=x gateway=fe80::1%ether1')[0]?.text).toBe('x');
    expect(run(invalidValue, '/ip route\nadd distance=1-5 gateway=10.0.0.1')[0]?.message).toContain('is not a number');
  });

  it('never flags valid numeric values: numbers, `auto` for mtu, run-time values, empty', () => {
    const wg = '/interface wireguard\n';
    expect(run(invalidValue, wg + 'add name=wg1 listen-port=13231 mtu=1420\nadd name=wg2 mtu=auto\nset wg1 listen-port=$port mtu=[:tostr 1400]\nset wg2 listen-port=0x3039')).toEqual([]);
    expect(run(invalidValue, '/ip route\nadd distance=1 gateway=10.0.0.1\nadd distance=255 gateway=10.0.0.1\nadd distance=$d gateway=10.0.0.1\nset 0 distance=')).toEqual([]);
    expect(run(invalidValue, peers + 'add interface=wg1 endpoint-port=51820 client-listen-port=0')).toEqual([]);
    // Ranges stay accepted where the argument takes them.
    expect(run(invalidValue, '/ip firewall filter\nadd chain=input dst-port=1-100 protocol=tcp')).toEqual([]);
  });

  it('parses RouterOS time literals', () => {
    expect(parseTimeValue('1w2d3h4m5s')).toBe(604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
    expect(parseTimeValue('200ms')).toBeCloseTo(0.2);
    expect(parseTimeValue('1d01:00:00')).toBe(90000);
    expect(parseTimeValue('0.5')).toBe(0.5);
    expect(parseTimeValue('5 s')).toBeUndefined();
  });
});

describe('schema/version-mismatch', () => {
  const peers = '/interface wireguard peers\nadd interface=wg1 public-key="k" ';
  it('gates responder / is-responder by version', () => {
    expect(run(versionMismatch, peers + 'responder=yes', '7.17.1')).toEqual([]);
    expect(run(versionMismatch, peers + 'responder=yes', '7.16.1')).toEqual([
      { text: 'responder', message: expect.stringMatching(/`responder`.*does not exist in RouterOS 7\.16\.1 \(schema 7\.16\.2\); it exists in 7\.17\.1–7\.24/) },
    ]);
    expect(run(versionMismatch, peers + 'is-responder=yes', '7.16.2')).toEqual([]);
    expect(run(versionMismatch, peers + 'is-responder=yes', '7.18')[0]?.message).toContain('it exists in 7.15.3–7.16.2');
  });

  it('gates wireguard vrf (7.21+), wg-import (7.12+) and the wifi menu (7.13+)', () => {
    expect(run(versionMismatch, '/interface wireguard\nadd name=wg1 vrf=main', '7.20.8').map((f) => f.text)).toEqual(['vrf']);
    expect(run(versionMismatch, '/interface wireguard\nadd name=wg1 vrf=main', '7.21.1')).toEqual([]);
    expect(run(versionMismatch, '/interface wireguard wg-import file=x.conf', '7.11.3').map((f) => f.text)).toEqual(['wg-import']);
    expect(run(versionMismatch, '/interface wifi\nprint', '7.10')).toEqual([]); // 7.10: `wifi` abbreviates wifiwave2
    expect(run(versionMismatch, '/interface wifiwave2\nprint', '7.14').map((f) => f.text)).toEqual(['wifiwave2']);
  });

  it('needs a declared version', () => {
    expect(run(versionMismatch, peers + 'responder=yes is-responder=yes')).toEqual([]);
  });
});

describe('schema/missing-required', () => {
  it('flags adds without required arguments', () => {
    expect(run(missingRequired, '/interface wireguard peers\nadd allowed-address=10.0.0.2/32 interface=wg1')).toEqual([
      { text: 'add', message: '`add` in /interface/wireguard/peers needs `public-key`' },
    ]);
    expect(run(missingRequired, '/ip address\nadd address=10.0.0.1/24')[0]?.message).toBe('`add` in /ip/address needs `interface`');
    expect(run(missingRequired, '/ip firewall filter\nadd action=accept')[0]?.message).toContain('needs `chain`');
    expect(run(missingRequired, '/ip route\nadd dst-address=10.0.0.0/8')[0]?.message).toContain('needs `gateway`, `blackhole` or `vrf-interface`');
  });

  it('accepts complete, abbreviated, copied and positional forms', () => {
    expect(run(missingRequired, '/interface wireguard peers\nadd interf=wg1 public-key="k"')).toEqual([]);
    expect(run(missingRequired, '/ip firewall filter\nadd copy-from=0')).toEqual([]);
    expect(run(missingRequired, '/ip route\nadd gateway=10.0.0.1 dst-address=0.0.0.0/0')).toEqual([]);
    expect(run(missingRequired, '/ip address\nadd address=$a interface=ether1')).toEqual([]);
    expect(run(missingRequired, '/ip route\nadd blackhole dst-address=10.0.0.0/8')).toEqual([]); // a flag word
    expect(run(missingRequired, '/ip address\nadd $args')).toEqual([]);
  });
});

describe('schema answers kept for the process (facts.ts)', () => {
  const peers = '/interface wireguard peers\nadd interface=wg1 public-key="k" ';
  const all = (text: string, version?: string): string[] =>
    schemaRules.flatMap((rule) => run(rule as RouterRule, text, version).map((f) => `${rule.meta.id} ${f.text} ${f.message}`));

  it('answers per version: interleaved versions give what each gives alone', () => {
    const text = `${peers}responder=yes\n${peers}is-responder=yes keepalive=25s\n/interface wifiwave2\nprint\n`;
    const versions = ['7.16.1', '7.17.1', undefined, '7.10', '7.24', '7.16.1'];
    const first = versions.map((v) => all(text, v));
    expect(first[0]).not.toEqual(first[1]); // responder / is-responder swap between 7.16 and 7.17
    expect(versions.map((v) => all(text, v))).toEqual(first);
  });

  it('reports every repetition of a line, not only the first', () => {
    const line = `${peers}endpoint-port=70000 frob=1 responder=maybe\n`;
    const once = all(line, '7.16.1');
    expect(once.length).toBeGreaterThan(2);
    expect(all(line.repeat(3), '7.16.1')).toHaveLength(once.length * 3);
  });
});
