/**
 * Linting files that may have different settings (their nearest configuration files differ, or
 * `overrides` match some of them) while still linting each network together: files are grouped by
 * network (config `networks`, else everything named on the command line is one network); a group
 * is linted once with the settings its files share, and the rest is applied per file afterwards.
 */
import { applyIgnores, Linter, type IgnoreEntry, type LintOptions, type LintResult, type Rule, type SeveritySetting } from '@roslint/core';
import type { Diagnostic } from '@roslint/parser';

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

/** Results in the order of `inputs`. */
export function lintFiles(rules: readonly Rule[], inputs: readonly FileInput[]): LintResult[] {
  const linter = new Linter({ rules });
  const groups = new Map<string, number[]>();
  inputs.forEach((input, i) => {
    const list = groups.get(input.settings.networkKey) ?? [];
    list.push(i);
    groups.set(input.settings.networkKey, list);
  });
  const results: LintResult[] = new Array(inputs.length);
  for (const indexes of groups.values()) {
    const group = indexes.map((i) => inputs[i]!);
    const { options, shared } = groupOptions(group);
    const out =
      group.length === 1
        ? [linter.lintText(group[0]!.content, { ...options, file: group[0]!.file })]
        : linter.lintMany(group.map((g) => ({ file: g.file, content: g.content })), options);
    out.forEach((r, j) => {
      const settings = group[j]!.settings;
      const diagnostics = applyIgnores(applyFileSeverities(r.diagnostics, settings, shared), r.config, settings.ignores);
      results[indexes[j]!] = { ...r, diagnostics };
    });
  }
  return results;
}
