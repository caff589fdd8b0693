/**
 * Which rules run at which severity for a file: the nearest `roslint.config.json` (its `rules`
 * map), or the defaults. Kept in this one module so it can be swapped for the CLI's loader once
 * that exists; the server only calls `settingsFor(file)` and `invalidate()`.
 *
 * Accepted `rules` values: "off" | "info" | "warning" | "warn" | "error" (or 0/1/2 as ESLint),
 * or `[level, options]`.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { SeveritySetting } from '@roslint/core';

export const CONFIG_FILE_NAME = 'roslint.config.json';

export interface LintSettings {
  severities: Record<string, SeveritySetting>;
  ruleOptions: Record<string, unknown>;
  /** The configuration file used, if any. */
  configFile?: string;
  /** A problem reading the file (shown to the user, the defaults are used). */
  error?: string;
}

const LEVELS: Record<string, SeveritySetting> = {
  off: 'off', '0': 'off', info: 'info', warning: 'warning', warn: 'warning', '1': 'warning', error: 'error', '2': 'error',
};

export function parseRulesSection(json: unknown): Pick<LintSettings, 'severities' | 'ruleOptions'> {
  const severities: Record<string, SeveritySetting> = {};
  const ruleOptions: Record<string, unknown> = {};
  const rules = json !== null && typeof json === 'object' ? (json as { rules?: unknown }).rules : undefined;
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) return { severities, ruleOptions };
  for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
    const [level, options] = Array.isArray(value) ? [value[0], value[1]] : [value, undefined];
    const severity = LEVELS[String(level)];
    if (severity) severities[id] = severity;
    if (options !== undefined) ruleOptions[id] = options;
  }
  return { severities, ruleOptions };
}

export class LintSettingsLoader {
  private readonly cache = new Map<string, { mtimeMs: number; settings: LintSettings }>();

  /** @param explicitFile a configuration file chosen by the user (editor setting); beats lookup. */
  constructor(private explicitFile?: string) {}

  setExplicitFile(file: string | undefined): void {
    this.explicitFile = file || undefined;
    this.cache.clear();
  }

  invalidate(): void {
    this.cache.clear();
  }

  settingsFor(file: string): LintSettings {
    const configFile = this.explicitFile ?? (path.isAbsolute(file) ? findUp(path.dirname(file)) : undefined);
    if (!configFile) return { severities: {}, ruleOptions: {} };
    let mtimeMs = -1;
    try {
      mtimeMs = statSync(configFile).mtimeMs;
    } catch {
      return { severities: {}, ruleOptions: {}, configFile, error: `${configFile} cannot be read` };
    }
    const hit = this.cache.get(configFile);
    if (hit && hit.mtimeMs === mtimeMs) return hit.settings;
    let settings: LintSettings;
    try {
      settings = { ...parseRulesSection(JSON.parse(readFileSync(configFile, 'utf8'))), configFile };
    } catch (err) {
      const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
      settings = { severities: {}, ruleOptions: {}, configFile, error: `${configFile}: ${msg}` };
    }
    this.cache.set(configFile, { mtimeMs, settings });
    return settings;
  }
}

function findUp(dir: string): string | undefined {
  for (let cur = dir; ; ) {
    const candidate = path.join(cur, CONFIG_FILE_NAME);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here; keep climbing
    }
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}
