/**
 * The network rules see the same thing whether a config was built in this thread or rebuilt from
 * a worker's NetworkSummary (structured-cloned, as postMessage does): identical diagnostics over
 * every fixture network and over all fixtures linted as one network. A network analysis that
 * starts reading a menu the summary does not carry fails here (the rebuilt config throws).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '@roslint/rules';
import { Linter, type LintResult } from '../packages/core/src/index.js';
import { configFromSummary, summarizeConfig } from '../packages/core/src/linter/network-summary.js';
import { decodeMenus, encodeMenus } from '../packages/core/src/linter/menu-codec.js';
import { mergeSpans, occurrenceSpans, secretValues } from '../packages/core/src/linter/secrets.js';
import type { FileState } from '../packages/core/src/linter/linter.js';
import type { Item, Menu } from '../packages/core/src/model/types.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * An item as plain data: what the Item interface says, whatever object holds it (items made by a
 * plain `add` are read from the command log; decoded ones are plain objects).
 */
function itemData(item: Item): Record<string, unknown> {
  const { id, menu, span, touchedBy, uncertain, implicit, removed } = item;
  return { id, menu, props: new Map(item.props), span, touchedBy, uncertain, implicit, removed };
}

function menuData(menu: Menu): Record<string, unknown> {
  return { path: menu.path, items: menu.items.map(itemData), removed: menu.removed?.map(itemData) };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return filesUnder(path);
      return /\.(rsc|conf)$/.test(name) ? [path] : [];
    });
}

/** lintMany's steps, with each .rsc config replaced by one rebuilt from its cloned summary for the network rules. */
function lintViaSummaries(files: readonly string[]): LintResult[] {
  const linter = new Linter({ rules: builtinRules });
  const inputs = files.map((file) => ({ file, content: readFileSync(file) }));
  const states = inputs.map((i) => linter.prepare(i.content, i.file, {}));
  const network: FileState[] = states.map((s) =>
    s.file.endsWith('.conf')
      ? s
      : {
          ...s,
          config: configFromSummary(structuredClone(summarizeConfig(s.config)), s.parsed.source),
          diagnostics: [],
        },
  );
  linter.runNetworkRules(network, {});
  network.forEach((n, i) => {
    if (n !== states[i]) states[i]!.diagnostics.push(...n.diagnostics);
  });
  const values = new Set<string>();
  for (const s of states) for (const v of secretValues(s.parsed.source.text, s.secretSpans)) values.add(v);
  const all = [...values].sort((a, b) => b.length - a.length);
  for (const s of states) s.secretSpans = mergeSpans([...s.secretSpans, ...occurrenceSpans(s.parsed.source.text, all)]);
  return states.map((s) => linter.finish(s, {}, all));
}

function lintInThread(files: readonly string[]): LintResult[] {
  return new Linter({ rules: builtinRules }).lintMany(
    files.map((file) => ({ file, content: readFileSync(file) })),
    {},
  );
}

const plain = (results: readonly LintResult[]) => results.map((r) => ({ file: r.file, diagnostics: r.diagnostics, secretSpans: r.secretSpans }));

describe('network summary', () => {
  const networks = readdirSync(join(FIXTURES, 'networks')).sort();

  it.each(networks)('fixtures/networks/%s: same diagnostics from rebuilt configs', (name) => {
    const files = filesUnder(join(FIXTURES, 'networks', name));
    const viaSummaries = plain(lintViaSummaries(files));
    expect(viaSummaries).toEqual(plain(lintInThread(files)));
    // The network rules did run (most of these networks exist to trigger one).
    expect(viaSummaries.some((r) => r.diagnostics.some((d) => d.ruleId === 'roslint/internal-error'))).toBe(false);
  });

  it('every fixture as one network: same diagnostics from rebuilt configs', () => {
    const files = filesUnder(FIXTURES);
    expect(files.length).toBeGreaterThan(50);
    expect(plain(lintViaSummaries(files))).toEqual(plain(lintInThread(files)));
  });

  it('menu codec round-trips every fixture model', () => {
    const linter = new Linter({ rules: [] });
    for (const file of filesUnder(FIXTURES)) {
      const { config } = linter.lintText(readFileSync(file), { file });
      const menus = [...config.menus.values()];
      expect(decodeMenus(structuredClone(encodeMenus(menus))).map(menuData), file).toEqual(menus.map(menuData));
    }
  });

  it('a rebuilt config refuses menus the summary does not carry', () => {
    const file = join(FIXTURES, 'networks', 'real-office-pair', readdirSync(join(FIXTURES, 'networks', 'real-office-pair')).find((f) => f.endsWith('.rsc'))!);
    const { config, source } = new Linter({ rules: [] }).lintText(readFileSync(file), { file });
    const rebuilt = configFromSummary(structuredClone(summarizeConfig(config)), source);
    expect(rebuilt.items('/interface/wireguard/peers').map(itemData)).toEqual(config.items('/interface/wireguard/peers').map(itemData));
    expect(() => rebuilt.items('/ip/firewall/filter')).toThrow(/does not carry menu \/ip\/firewall\/filter/);
    expect(() => [...rebuilt.menus.values()]).toThrow(/does not carry/);
  });
});
