/**
 * The fixture convention shared by the fixture test and `fixtures:update`:
 * `fixtures/<area>/<name>.rsc` with an optional `<name>.expected.json` sidecar listing
 * `{ ruleId, severity, line, column, endLine, endColumn }` (1-based, end exclusive). No sidecar =
 * no diagnostics. Files under `fixtures/networks/<name>/` are linted together (one network), and
 * there wg-quick client configs (`<name>.conf`, sidecar `<name>.expected.json`) join them.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '@roslint/parser';
import type { Linter } from '@roslint/core';
import { oneBased } from './formatters/one-based.js';

export interface ExpectedDiagnostic {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FixtureGroup {
  /** Paths relative to the fixtures root's parent (e.g. `fixtures/wireguard/a.rsc`). */
  files: string[];
  /** The network directory for `fixtures/networks/<name>/`, else undefined. */
  network?: string;
}

export function toExpected(d: Diagnostic): ExpectedDiagnostic {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    ...oneBased(d.range),
  };
}

export function sidecarPath(file: string): string {
  return file.replace(/\.(?:rsc|conf)$/i, '.expected.json');
}

function compareExpected(a: ExpectedDiagnostic, b: ExpectedDiagnostic): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || a.endLine - b.endLine || a.endColumn - b.endColumn;
}

export function sortExpected(list: readonly ExpectedDiagnostic[]): ExpectedDiagnostic[] {
  return list.map((e) => ({ ruleId: e.ruleId, severity: e.severity, line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn })).sort(compareExpected);
}

export function describeExpected(e: ExpectedDiagnostic): string {
  return `${e.line}:${e.column}-${e.endLine}:${e.endColumn} ${e.severity} ${e.ruleId}`;
}

/** Human-readable difference, or undefined when both lists hold the same diagnostics. */
export function diffExpected(actual: readonly ExpectedDiagnostic[], expected: readonly ExpectedDiagnostic[]): string | undefined {
  const remaining = new Map<string, number>();
  for (const e of expected) remaining.set(describeExpected(e), (remaining.get(describeExpected(e)) ?? 0) + 1);
  const unexpected: string[] = [];
  for (const a of sortExpected(actual)) {
    const key = describeExpected(a);
    const n = remaining.get(key) ?? 0;
    if (n > 0) remaining.set(key, n - 1);
    else unexpected.push(key);
  }
  const missing: string[] = [];
  for (const e of sortExpected(expected)) {
    const key = describeExpected(e);
    const n = remaining.get(key) ?? 0;
    if (n > 0) {
      missing.push(key);
      remaining.set(key, n - 1);
    }
  }
  if (missing.length === 0 && unexpected.length === 0) return undefined;
  return [...missing.map((m) => `  - missing:    ${m}`), ...unexpected.map((u) => `  + unexpected: ${u}`)].join('\n');
}

/** Sidecar text: a JSON array with one diagnostic per line, for readable reviews. */
export function formatSidecar(list: readonly ExpectedDiagnostic[]): string {
  const sorted = sortExpected(list);
  if (sorted.length === 0) return '[]\n';
  return `[\n${sorted.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`;
}

export async function readSidecar(file: string): Promise<ExpectedDiagnostic[] | undefined> {
  let text: string;
  try {
    text = await fs.readFile(sidecarPath(file), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`${sidecarPath(file)}: expected a JSON array`);
  return parsed as ExpectedDiagnostic[];
}

/** `.rsc` files, plus wg-quick `.conf` client configs (which only count inside a network). */
async function walkFixtures(dir: string, out: string[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walkFixtures(p, out);
    else if (/\.(?:rsc|conf)$/.test(e.name)) out.push(p);
  }
}

/** The network directory (`…/networks/<name>`) a fixture belongs to, if any. */
export function networkOf(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const i = parts.lastIndexOf('networks');
  if (i < 0 || i + 2 >= parts.length) return undefined;
  return parts.slice(0, i + 2).join('/');
}

/** Every fixture under `root` (relative to `cwd`), grouped: one group per file or per network. */
export async function findFixtureGroups(root: string, cwd: string): Promise<FixtureGroup[]> {
  const abs: string[] = [];
  await walkFixtures(path.resolve(cwd, root), abs);
  const files = abs.map((f) => path.relative(cwd, f).split(path.sep).join('/')).sort();
  const groups: FixtureGroup[] = [];
  const networks = new Map<string, FixtureGroup>();
  for (const file of files) {
    const network = networkOf(file);
    if (network === undefined) {
      if (file.endsWith('.rsc')) groups.push({ files: [file] });
      continue;
    }
    let g = networks.get(network);
    if (!g) {
      g = { files: [], network };
      networks.set(network, g);
      groups.push(g);
    }
    g.files.push(file);
  }
  return groups;
}

/** Lints a group the way the fixture test does; returns each file's diagnostics. */
export async function lintFixtureGroup(linter: Linter, group: FixtureGroup, cwd: string): Promise<Map<string, ExpectedDiagnostic[]>> {
  const inputs = await Promise.all(group.files.map(async (file) => ({ file, content: await fs.readFile(path.resolve(cwd, file)) })));
  const results =
    group.network === undefined
      ? inputs.map((i) => linter.lintText(i.content, { file: i.file }))
      : linter.lintMany(inputs, {});
  return new Map(results.map((r) => [r.file, r.diagnostics.map(toExpected)]));
}
