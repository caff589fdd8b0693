/**
 * The command log's records keep their statement offsets, verb and flags in the arena's header slot
 * instead of fields (command-log.ts). They must answer exactly like the records they replace
 * (command-log-legacy.ts, the old code kept as the oracle): same getters, same property values, on
 * every fixture and on random commands (all argument kinds, enough of them to cross chunks).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { forEachNode, parse, type AnyNode, type CommandStatement } from '@roslint/parser';
import { rng as seeded } from '../../../bench/generate.mjs';
import { LogArena, LoggedCommand } from '../src/model/command-log.js';
import { resolveMenu } from '../src/model/menu-path.js';
import * as legacy from './command-log-legacy.js';

const root = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const fixtures = (readdirSync(root, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.rsc'))
  .sort()
  .map((f) => readFileSync(root + f, 'latin1'));

/** Every menu command of `text` (nested ones too), logged by both, compared getter by getter. */
function compareAll(text: string, uncertainOf: (i: number) => boolean): number {
  const arena = new LogArena(text);
  const oldArena = new legacy.LogArena();
  const commands: CommandStatement[] = [];
  forEachNode(parse(text, { file: 't.rsc' }).script, (n: AnyNode) => {
    if (n.kind === 'command') commands.push(n as unknown as CommandStatement);
  });
  commands.forEach((stmt, i) => {
    const resolved = resolveMenu([], stmt.path);
    const verb = stmt.command?.name ?? null;
    const span = stmt.command ?? undefined;
    const uncertain = uncertainOf(i);
    const now = LoggedCommand.of(resolved, verb, span, stmt.args, stmt.start, stmt.end, uncertain, arena);
    const old = new legacy.LoggedCommand(resolved, verb, span, stmt.args, stmt.start, stmt.end, uncertain, oldArena);
    expect(now.sourceText).toBe(text);
    expect({
      argNames: now.argNames, argValues: now.argValues, args: now.args, span: now.span, menu: now.menu,
      menuSegments: now.menuSegments, menuKnown: now.menuKnown, command: now.command, commandSpan: now.commandSpan, uncertain: now.uncertain,
    }).toEqual({
      argNames: old.argNames, argValues: old.argValues, args: old.args, span: old.span, menu: old.menu,
      menuSegments: old.menuSegments, menuKnown: old.menuKnown, command: old.command, commandSpan: old.commandSpan, uncertain: old.uncertain,
    });
    for (let a = 0; a < stmt.args.length; a++) {
      if (stmt.args[a]!.kind !== 'named') continue;
      expect(now.propertyValue(a)).toEqual(old.propertyValue(a, text));
      expect(now.propertyText(a)).toBe(old.propertyText(a, text));
      expect(now.propertyDynamic(a)).toBe(old.propertyDynamic(a));
    }
  });
  return commands.length;
}

const NAMES = ['address', 'list', 'comment', 'name', 'private-key', 'disabled', 'on-event', 'x'];
const VALUES = [
  'a', '10.0.0.1/32', '"q r"', '"esc\\"aped\\41"', '""', '$v', '[find name=x]', '{ :log info 1 }', '(1+2)',
  '"a$(b)c"', '{1;2}', 'w$x', '!y', '',
];

/** A random command line: verbs, paths, named, negated, empty, unset and positional arguments. */
function randomLine(r: ReturnType<typeof seeded>): string {
  const parts: string[] = [];
  if (r.int(4) === 0) parts.push(r.pick(['/ip firewall address-list', '/interface wireguard peers', '/system script']));
  if (r.int(10) !== 0) parts.push(r.pick(['add', 'set', 'remove', 'print', 'disable']));
  const n = r.int(8);
  for (let i = 0; i < n; i++) {
    const k = r.int(10);
    if (k === 0) parts.push('!' + r.pick(NAMES));
    else if (k === 1) parts.push(r.pick(['0', 'ether1', '[ find ]', '$it', '"s"']));
    else parts.push(`${r.pick(NAMES)}=${r.pick(VALUES)}`);
  }
  return parts.join(' ');
}

describe('compact command-log records ≡ the records with fields (legacy oracle)', () => {
  it('every fixture', () => {
    for (const t of fixtures) compareAll(t, (i) => i % 3 === 0);
  });

  it('random commands across many chunks', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = seeded(seed);
      const lines: string[] = [];
      // Enough arguments to fill several chunks (they double from 64 slots).
      for (let i = 0; i < 400; i++) lines.push(randomLine(r));
      const text = lines.join(r.int(2) ? '\n' : '\r\n');
      const flags = Array.from({ length: 4000 }, () => r.int(2) === 0);
      expect(compareAll(text, (i) => flags[i % flags.length]!)).toBeGreaterThan(300);
    }
  });
});
