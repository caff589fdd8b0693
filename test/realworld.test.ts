/**
 * Regressions found by running roslint over real RouterOS exports and scripts from public
 * repositories (kept out of the repository). Each construct is reproduced by a small self-written
 * fixture in fixtures/realworld/ (with a sidecar where something must still fire), plus unit checks
 * of the piece that was wrong.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, type CommandStatement } from '@roslint/parser';
import { Linter } from '@roslint/core';
import { builtinRules } from '@roslint/rules';
import { diffExpected, findFixtureGroups, lintFixtureGroup, readSidecar } from '@roslint/cli';
import { valueProblem } from '@roslint/core';
import { isPlatformArg, isPlatformMenu } from '@roslint/core';

const root = fileURLToPath(new URL('..', import.meta.url));
const linter = new Linter({ rules: builtinRules });
const groups = await findFixtureGroups('fixtures/realworld', root);

describe('realworld fixtures', () => {
  it('exist', () => expect(groups.length).toBeGreaterThan(0));
  it.each(groups.map((g) => [g.files[0]!, g] as const))('%s', async (_name, group) => {
    const actual = await lintFixtureGroup(linter, group, root);
    for (const file of group.files) {
      const expected = (await readSidecar(path.join(root, file))) ?? [];
      expect(diffExpected(actual.get(file) ?? [], expected), file).toBeUndefined();
    }
  });
});

function firstCommand(text: string): CommandStatement {
  const stmt = parse(text).script.body[0]!;
  expect(stmt.kind).toBe('command');
  return stmt as CommandStatement;
}

describe('menus named like commands', () => {
  it.each(['/ip ssh', '/system upgrade', '/system package update', '/file sync', '/interface wireless info'])(
    '`%s` alone is a path-only line',
    (line) => {
      const c = firstCommand(line);
      expect(c.command).toBeNull();
      expect(c.path?.segments.map((s) => s.name).join(' ')).toBe(line.slice(1));
    },
  );
  it('with arguments the last word is still the command', () => {
    const c = firstCommand('/tool mac-server ping 00:11:22:33:44:55');
    expect(c.command?.name).toBe('ping');
    expect(firstCommand('/ping 10.0.0.1 count=3').command?.name).toBe('ping');
  });
});

describe('time ranges', () => {
  const ra = { arg: 'ra-interval', closed: false, kind: { kind: 'time', min: 3, max: 1250 } } as const;
  it.each(['1m-3m', '10m..20m', '00:00:10-00:01:00', '5s..1m'])('accepts %s', (v) => {
    expect(valueProblem(v, ra as never)).toBeUndefined();
  });
  it('judges each end of a range', () => {
    expect(valueProblem('1s-3m', ra as never)).toMatch(/`1s` is outside/);
    expect(valueProblem('3m-30m', ra as never)).toMatch(/`30m` is outside/);
  });
  it('still rejects what is no time', () => {
    expect(valueProblem('1x-3m', ra as never)).toMatch(/not a time interval/);
    expect(valueProblem('1m-', ra as never)).toMatch(/not a time interval/);
  });
});

describe('hardware/package menus', () => {
  it('knows menus only some routers have, and nothing else', () => {
    expect(isPlatformMenu(['system', 'routerboard', 'settings'])).toBe(true);
    expect(isPlatformMenu(['zerotier', 'interface'])).toBe(true);
    expect(isPlatformMenu(['ip', 'cloud', 'back-to-home-user'])).toBe(true);
    expect(isPlatformMenu(['system'])).toBe(false);
    expect(isPlatformMenu(['system', 'routerbord'])).toBe(false);
    expect(isPlatformArg(['ip', 'cloud'], 'back-to-home-vpn')).toBe(true);
    expect(isPlatformArg(['ip', 'cloud'], 'ddns-enable')).toBe(false);
    expect(isPlatformArg(['interface', 'ethernet'], 'poe-out')).toBe(true);
    expect(isPlatformArg(['interface', 'ethernet'], 'auto-negociation')).toBe(false);
  });
});

describe('string escapes', () => {
  it('accepts `\\?` as a question mark (RouterOS 7 :parse does)', () => {
    expect(parse(':put "a\\?b"').diagnostics).toEqual([]);
    expect(parse(':put "a\\qb"').diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/unknown escape `\\q`/)]);
  });
});

describe('quoted code `(> … )`', () => {
  it('is a block inside the parentheses, not a comparison', () => {
    const { script, diagnostics } = parse(':global f (>[:global z "blah"])');
    expect(diagnostics).toEqual([]);
    const value = (script.body[0] as CommandStatement).args[1]!;
    expect(value.kind === 'positional' && value.value.kind === 'paren' && value.value.expr?.kind).toBe('block');
    expect(parse(':put ($a > 3)').diagnostics).toEqual([]);
  });
});

describe('address range subtraction (handshake sources)', () => {
  it('cuts holes, keeps what is left, ignores holes outside', async () => {
    const { excluding } = await import('../packages/core/src/analysis/firewall/packet.js');
    const b = (first: bigint, last: bigint) => ({ family: 4 as const, first, last });
    expect(excluding([b(0n, 100n)], [b(10n, 19n), b(50n, 200n)])).toEqual([b(0n, 9n), b(20n, 49n)]);
    expect(excluding([b(0n, 100n)], [b(200n, 300n)])).toEqual([b(0n, 100n)]);
    expect(excluding([b(0n, 100n)], [b(0n, 100n)])).toEqual([]);
  });
});
