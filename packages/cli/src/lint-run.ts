/**
 * Linting files that may have different settings (their nearest configuration files differ, or
 * `overrides` match some of them) while still linting each network together: files are grouped by
 * network (config `networks`, else everything named on the command line is one network); a group
 * is linted once with the settings its files share, and the rest is applied per file afterwards.
 */
import {
  applyIgnores,
  Linter,
  lintManyInWorkers,
  serveLintWorker,
  type IgnoreEntry,
  type LintOptions,
  type LintResult,
  type Rule,
  type SeveritySetting,
} from '@roslint/core';
import type { Diagnostic } from '@roslint/parser';
import { builtinRules } from '@roslint/rules';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

// Worker threads run this very module (from the CLI bundle, dist/roslint.bundle.cjs, when the CLI
// runs from it, else from dist/), so they have the same rules without a second entry point to
// build and ship.
const WORKER_ROLE = 'roslint-lint-worker';

/**
 * Set by the bundle build (scripts/bundle.mjs), relative to the bundle: the module worker threads
 * start, which loads the bundle with its code cache. Elsewhere worker threads start this module.
 */
declare const ROSLINT_BUNDLE_WORKER_ENTRY: string | undefined;
function workerEntry(): URL {
  return typeof ROSLINT_BUNDLE_WORKER_ENTRY === 'string' ? new URL(ROSLINT_BUNDLE_WORKER_ENTRY, import.meta.url) : new URL(import.meta.url);
}

if (!isMainThread && parentPort && (workerData as { role?: unknown } | null)?.role === WORKER_ROLE) {
  serveLintWorker(parentPort, builtinRules);
}

export interface FileSettings {
  severities: Record<string, SeveritySetting>;
  ruleOptions: Record<string, unknown>;
  routerosVersion?: string;
  inlineConfig: boolean;
  ignores: IgnoreEntry[];
  /** Files with the same key are linted together. */
  networkKey: string;
}

export interface FileInput {
  file: string;
  content: string | Uint8Array;
  settings: FileSettings;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Settings shared by every file of a group; ruleOptions/version of differing files: the first file's. */
function groupOptions(inputs: readonly FileInput[]): { options: Omit<LintOptions, 'file'>; shared: Set<string> } {
  const first = inputs[0]!.settings;
  const ids = new Set(inputs.flatMap((i) => Object.keys(i.settings.severities)));
  const severities: Record<string, SeveritySetting> = {};
  const shared = new Set<string>();
  for (const id of ids) {
    const s = first.severities[id];
    if (inputs.every((i) => i.settings.severities[id] === s) && s !== undefined) {
      severities[id] = s;
      shared.add(id);
    }
  }
  const options: Omit<LintOptions, 'file'> = {
    severities,
    ruleOptions: first.ruleOptions,
    routerosVersion: inputs.every((i) => sameValue(i.settings.routerosVersion, first.routerosVersion)) ? first.routerosVersion : undefined,
    inlineConfig: first.inlineConfig,
  };
  return { options, shared };
}

function applyFileSeverities(diagnostics: readonly Diagnostic[], settings: FileSettings, shared: Set<string>): Diagnostic[] {
  return diagnostics.flatMap((d) => {
    if (shared.has(d.ruleId)) return [d];
    const s = settings.severities[d.ruleId];
    if (s === undefined) return [d];
    return s === 'off' ? [] : [{ ...d, severity: s }];
  });
}

type Group = { indexes: number[]; inputs: FileInput[] };

function groupsOf(inputs: readonly FileInput[]): Group[] {
  const groups = new Map<string, number[]>();
  inputs.forEach((input, i) => {
    const list = groups.get(input.settings.networkKey) ?? [];
    list.push(i);
    groups.set(input.settings.networkKey, list);
  });
  return [...groups.values()].map((indexes) => ({ indexes, inputs: indexes.map((i) => inputs[i]!) }));
}

function lintGroup(linter: Linter, group: readonly FileInput[], options: Omit<LintOptions, 'file'>): LintResult[] {
  return group.length === 1
    ? [linter.lintText(group[0]!.content, { ...options, file: group[0]!.file })]
    : linter.lintMany(group.map((g) => ({ file: g.file, content: g.content })), options);
}

/** Results in the order of `inputs`. */
export function lintFiles(rules: readonly Rule[], inputs: readonly FileInput[]): LintResult[] {
  const linter = new Linter({ rules });
  const results: LintResult[] = new Array(inputs.length);
  for (const { indexes, inputs: group } of groupsOf(inputs)) {
    const { options, shared } = groupOptions(group);
    lintGroup(linter, group, options).forEach((r, j) => {
      const settings = group[j]!.settings;
      const diagnostics = applyIgnores(applyFileSeverities(r.diagnostics, settings, shared), r.config, settings.ignores);
      results[indexes[j]!] = { ...r, diagnostics };
    });
  }
  return results;
}

/**
 * Networks of at least this many files are linted with worker threads. The main thread lints
 * files too, so a worker still starting up (loading the CLI once more, ~0.3 s of CPU) delays
 * nothing; below this, that start-up is more CPU than the files themselves.
 */
export const PARALLEL_MIN_FILES = 16;

/**
 * Worker threads besides the main thread for a network of `files` files: one per further core,
 * none for small networks or when this module cannot be a worker (run from TypeScript sources, in
 * tests). `ROSLINT_WORKERS=N` forces N (0: none), for tests and benchmarks.
 */
export function workerCount(files: number, env: NodeJS.ProcessEnv = process.env): number {
  if (!/\.[cm]?js$/.test(new URL(import.meta.url).pathname)) return 0;
  const forced = env['ROSLINT_WORKERS'];
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(files - 1, Number(forced));
  if (files < PARALLEL_MIN_FILES) return 0;
  return Math.min(files, availableParallelism()) - 1;
}

/**
 * `lintFiles`, with each network big enough linted on worker threads (the built-in rules only:
 * workers load those themselves). Same results.
 */
export async function lintFilesAsync(rules: readonly Rule[], inputs: readonly FileInput[]): Promise<LintResult[]> {
  const linter = new Linter({ rules });
  const results: LintResult[] = new Array(inputs.length);
  for (const { indexes, inputs: group } of groupsOf(inputs)) {
    const { options, shared } = groupOptions(group);
    const count = rules === builtinRules && group.length > 1 ? workerCount(group.length) : 0;
    if (count === 0) {
      lintGroup(linter, group, options).forEach((r, j) => {
        const settings = group[j]!.settings;
        const diagnostics = applyIgnores(applyFileSeverities(r.diagnostics, settings, shared), r.config, settings.ignores);
        results[indexes[j]!] = { ...r, diagnostics };
      });
      continue;
    }
    // lintManyInWorkers applies `ignores` where the full configs are; per-file severities commute with them.
    const out = await lintManyInWorkers(
      linter,
      group.map((g) => ({ file: g.file, content: g.content, ...(g.settings.ignores.length > 0 ? { ignores: g.settings.ignores } : {}) })),
      options,
      { url: workerEntry(), workerData: { role: WORKER_ROLE }, count },
    );
    out.forEach((r, j) => {
      results[indexes[j]!] = { ...r, diagnostics: applyFileSeverities(r.diagnostics, group[j]!.settings, shared) };
    });
  }
  return results;
}
