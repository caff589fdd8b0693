/**
 * Every `fixtures/firewall/*.rsc` linted with all built-in rules plus the firewall rules, through
 * the real parser, model and Linter, compared with its exact sidecar; then what the sidecar cannot
 * show: messages, related locations, and that applying the offered fix silences the finding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Linter, type LintResult } from '@roslint/core';
import { builtinRules } from '@roslint/rules';
import { diffExpected, readSidecar, toExpected } from '@roslint/cli';
import { firewallRules } from '../index.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = path.join(root, 'fixtures/firewall');
const ids = new Set(builtinRules.map((r) => r.meta.id));
const linter = new Linter({ rules: [...builtinRules, ...firewallRules.filter((r) => !ids.has(r.meta.id))] });
const files = readdirSync(dir).filter((f) => f.endsWith('.rsc')).sort();

const lint = (name: string, text?: string): LintResult =>
  linter.lintText(text ?? readFileSync(path.join(dir, name)), { file: `fixtures/firewall/${name}` });

const lineOf = (r: LintResult, line: number) => r.diagnostics.filter((d) => d.range.start.line === line - 1);

describe('fixtures/firewall', () => {
  it.each(files)('%s matches its sidecar', async (name) => {
    const expected = (await readSidecar(path.join(dir, name))) ?? [];
    expect(diffExpected(lint(name).diagnostics.map(toExpected), expected)).toBeUndefined();
  });

  it('covers every rule of the category with a firing fixture', async () => {
    const fired = new Set<string>();
    for (const f of files) for (const e of (await readSidecar(path.join(dir, f))) ?? []) fired.add(e.ruleId);
    for (const r of firewallRules) expect(fired, r.meta.id).toContain(r.meta.id);
  });
});

describe('firewall/wireguard-input-blocked details', () => {
  const input = (r: LintResult) => r.diagnostics.filter((d) => d.ruleId === 'firewall/wireguard-input-blocked');

  it('names the port, the WAN interface and the dropping rule; points at the too-late accept', () => {
    const [d] = input(lint('defconf-accept-after-drop.rsc'));
    expect(d!.message).toContain('udp/13231 arriving on `ether1` are dropped by input rule #4 "defconf: drop all not coming from LAN"');
    expect(d!.related!.map((r) => [r.range.start.line + 1, r.message])).toEqual([
      [51, 'input rule #4 "defconf: drop all not coming from LAN" drops them'],
      [67, 'this accept comes after the drop and never sees them'],
    ]);
  });

  it('points at the disabled accept', () => {
    const [d] = input(lint('defconf-disabled-accept.rsc'));
    expect(d!.related!.map((r) => r.message)).toContain('this accept would let them in, but it is disabled');
  });

  it('names the jump into the chain that drops', () => {
    const [d] = input(lint('jump-custom-chain-drop.rsc'));
    expect(d!.message).toContain('dropped by wan-in rule #13 "drop the rest from WAN"');
    expect(d!.related!.map((r) => r.message)).toContain('input rule #4 "WAN traffic" jumps to `wan-in`');
  });

  it('is info for a pure initiator, and says why', () => {
    const [d] = input(lint('initiator-no-accept.rsc'));
    expect(d!.severity).toBe('info');
    expect(d!.message).toContain('relies on connection tracking');
  });

  it('checks IPv6 only when the WAN has a global IPv6 address', () => {
    expect(input(lint('ipv6-wan-no-accept.rsc')).map((d) => d.message.slice(0, 8))).toEqual(['new IPv6']);
    expect(input(lint('ipv6-wan-prefix-only.rsc'))).toEqual([]);
  });

  it.each([
    'defconf-no-wg-accept.rsc',
    'defconf-accept-after-drop.rsc',
    'defconf-disabled-accept.rsc',
    'jump-custom-chain-drop.rsc',
    'ipv6-wan-no-accept.rsc',
    'initiator-no-accept.rsc',
    'accept-shadowed-by-drop.rsc',
    'partial-unconditional-drop.rsc',
  ])('%s: the fix inserts a well-formed line that makes the handshake pass', (name) => {
    const before = lint(name);
    const [d] = input(before);
    expect(d!.fix, 'a fix is offered').toBeDefined();
    const text = readFileSync(path.join(dir, name), 'utf8');
    const edit = d!.fix!.edits[0]!;
    expect(edit.range.start.offset).toBe(edit.range.end.offset);
    expect(edit.text).toMatch(/^(\/[\w /]+ )?add action=accept chain=input dst-port=13231 protocol=udp comment="allow WireGuard"\n$/);
    const fixed = text.slice(0, edit.range.start.offset) + edit.text + text.slice(edit.range.start.offset);
    const after = lint(name, fixed);
    expect(input(after)).toEqual([]);
    expect(after.diagnostics.filter((x) => x.ruleId.startsWith('syntax/') || x.ruleId.startsWith('schema/'))).toEqual([]);
  });

  it('offers no text fix when the menu is reordered by place-before/move', () => {
    const text = `${readFileSync(path.join(dir, 'defconf-no-wg-accept.rsc'), 'utf8')}/ip firewall filter add action=log chain=input place-before=0\n`;
    const [d] = input(lint('defconf-no-wg-accept.rsc', text));
    expect(d).toBeDefined();
    expect(d!.fix).toBeUndefined();
  });
});

describe('firewall/unreachable-rule, forward and service details', () => {
  it('reports the WAN-only accept after the !LAN drop with the earlier rule as related', () => {
    const r = lint('accept-shadowed-by-drop.rsc');
    const [d] = r.diagnostics.filter((x) => x.ruleId === 'firewall/unreachable-rule');
    expect(d!.message).toContain('input rule #5 "allow WireGuard" can never match: input rule #4 "defconf: drop all not coming from LAN"');
    expect(d!.related![0]!.range.start.line + 1).toBe(51);
    expect(d!.message).toContain('"defconf: drop all not coming from LAN" (action=drop) matches every packet');
  });

  it('names a rule by its comment without a roslint-ignore directive in it', () => {
    const text = '/ip firewall filter\nadd action=drop chain=input comment="drop WAN roslint-ignore: firewall/other" in-interface=ether1\nadd action=accept chain=input in-interface=ether1 protocol=tcp\n';
    const [d] = lint('inline.rsc', text).diagnostics.filter((x) => x.ruleId === 'firewall/unreachable-rule');
    expect(d!.message).toContain('input rule #0 "drop WAN" (action=drop) matches');
  });

  it('names the earlier rule\'s action once when the rule has no comment', () => {
    const text = '/ip firewall filter\nadd action=drop chain=input in-interface=ether1\nadd action=accept chain=input in-interface=ether1 protocol=tcp\n';
    const [d] = lint('inline.rsc', text).diagnostics.filter((x) => x.ruleId === 'firewall/unreachable-rule');
    expect(d!.message).toBe(
      'input rule #1 (action=accept) can never match: input rule #0 (action=drop) matches every packet it would and comes first',
    );
  });

  it('forward-blocked names the direction and the interfaces', () => {
    const [d] = lint('wg-in-wan.rsc').diagnostics.filter((x) => x.ruleId === 'firewall/wireguard-forward-blocked');
    expect(d!.message).toContain('new IPv4 connections from `wireguard1` to `bridge` are dropped by forward rule #11');
    expect(lineOf(lint('guide-ipv6-appended.rsc'), 131)[0]!.message).toContain('new IPv6 connections from `wireguard1` to `bridge`');
  });

  describe('forward-blocked stays quiet from an upstream tunnel into the LAN', () => {
    const fixture = readFileSync(path.join(dir, 'vpn-provider-upstream.rsc'), 'utf8');
    const forward = (text: string) =>
      lint('vpn-provider-upstream.rsc', text).diagnostics.filter((x) => x.ruleId === 'firewall/wireguard-forward-blocked');
    const withoutRoute = fixture.replace('add dst-address=0.0.0.0/0 gateway=wg-vpn routing-table=via-vpn\n', '');
    const narrowPeer = (t: string) => t.replace('allowed-address=0.0.0.0/0', 'allowed-address=10.66.0.0/16');

    it('full-tunnel peer with an endpoint, in WAN, default route through it: quiet', () => {
      expect(forward(fixture)).toEqual([]);
    });

    it('a default route through the tunnel alone makes it an upstream', () => {
      expect(forward(narrowPeer(fixture))).toEqual([]);
    });

    it('a full-tunnel peer it dials, in WAN, makes it an upstream without a route', () => {
      expect(forward(withoutRoute)).toEqual([]);
    });

    it('WAN membership alone (no default route, no full tunnel) still warns', () => {
      const [d] = forward(narrowPeer(withoutRoute));
      expect(d!.message).toContain('new IPv4 connections from `wg-vpn` to `bridge` are dropped');
    });

    it('a full-tunnel peer without an endpoint (accept-any-source) in WAN still warns', () => {
      const text = withoutRoute.replace(/ endpoint-address=\\\n    185\.10\.20\.30 endpoint-port=51820/, '');
      expect(text).not.toContain('185.10.20.30');
      expect(forward(text).map((d) => d.message)).toEqual([expect.stringContaining('from `wg-vpn` to `bridge`')]);
    });

    it('LAN to the upstream tunnel is still checked', () => {
      const text = `${fixture}/ip firewall filter add action=drop chain=forward out-interface=wg-vpn\n`;
      expect(forward(text).map((d) => d.message)).toEqual([expect.stringContaining('from `bridge` to `wg-vpn`')]);
    });
  });

  it('service-blocked says which service and why it is checked', () => {
    expect(lint('dns-wg-not-in-lan.rsc').diagnostics[0]!.message).toContain('cannot reach DNS (udp/53)');
    expect(lint('wg-in-no-list.rsc').diagnostics[0]!.message).toContain('road-warrior clients');
  });
});
