/**
 * Plain `add` lines reach the model without their AST (`ParseOptions.onFlatCommand` →
 * `ConfigBuilder.flatCommand`). The model must come out exactly as when every line is evaluated as
 * a statement: same command log, same items (properties, spans, touches, certainty, order), on
 * every fixture, a generated export, and random lines mixing what the flat path takes and declines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, SourceText, type Comment } from '@roslint/parser';
import { rng as seeded, singleExport, keyPool } from '../../../bench/generate.mjs';
import { ConfigBuilder } from '../src/model/evaluate.js';
import type { RouterConfig } from '../src/model/types.js';
import { commandView, menusView } from './model-helpers.js';

const root = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const fixtures = (readdirSync(root, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.rsc'))
  .sort()
  .map((f) => readFileSync(root + f, 'latin1'));

function build(text: string, flat: boolean): { config: RouterConfig; taken: number } {
  const source = new SourceText(text);
  const builder = new ConfigBuilder(source, { file: 't.rsc' });
  let taken = 0;
  const parsed = parse(source, {
    onStatement: (stmt, comments) => builder.statement(stmt, comments),
    ...(flat ? { onFlatCommand: (cmd, comments: readonly Comment[]) => builder.flatCommand(cmd, comments) && ++taken > 0 } : {}),
  });
  return { config: builder.finish(parsed.script.comments).config, taken };
}

/** Everything a rule can read from a config, as plain data. */
function view(config: RouterConfig) {
  return {
    isExport: config.isExport, showsSensitive: config.showsSensitive, header: config.header, version: config.version,
    commands: config.commands.map(commandView), menus: menusView(config),
  };
}

function same(text: string): number {
  const flat = build(text, true);
  expect(view(flat.config)).toEqual(view(build(text, false).config));
  return flat.taken;
}

const NAMES = ['address', 'list', 'comment', 'name', 'private-key', 'disabled', 'place-before', 'copy-from', 'interface', 'addr'];
const VALUES = ['a', '10.0.0.1/32', '"q r"', '"esc\\"aped\\41"', '""', '$v', '[find name=x]', '{ :log info 1 }', 'blocklist', '!y', '', '0'];

/** Random lines: plain adds (taken), and what the flat path must decline or never sees. */
function randomText(r: ReturnType<typeof seeded>): string {
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) {
    const k = r.int(12);
    if (k === 0) lines.push(r.pick(['/ip firewall address-list', '/interface wireguard peers', '/ip address', '/system script', '/interface bridge', '/ip dns']));
    else if (k === 1) lines.push(r.pick(['set [ find name=a ] comment=x', 'remove [ find list=blocklist ]', 'disable 0', 'set servers=1.1.1.1', ':if ($x) do={ add name=z }', 'log info x', 'put x']));
    else {
      const parts = [r.pick(['add', 'add', 'add', 'a', 'ad', 'set', 'print', 'remove', 'log'])];
      const n = r.int(5);
      for (let j = 0; j < n; j++) parts.push(`${r.pick(NAMES)}=${r.pick(VALUES)}`);
      lines.push(parts.join(r.int(8) === 0 ? ' \\\r\n    ' : ' '));
    }
  }
  return lines.join(r.int(2) ? '\n' : '\r\n');
}

describe('plain adds without their AST ≡ evaluated as statements', () => {
  it('every fixture', () => {
    for (const t of fixtures) same(t);
  });

  it('a generated export', () => {
    expect(same(singleExport(300_000, keyPool(8, 1)))).toBeGreaterThan(1000);
  });

  it('random lines', () => {
    for (let seed = 1; seed <= 30; seed++) expect(same(randomText(seeded(seed)))).toBeGreaterThan(0);
  });
});
