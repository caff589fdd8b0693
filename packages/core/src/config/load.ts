/**
 * Configuration files: `roslint.config.json` (or `.roslintrc.json`), the nearest one found by
 * walking up from each linted file, or one named explicitly. `extends` layers another file under
 * this one; `overrides` apply to files matching their globs; globs are relative to the directory
 * of the file that wrote them. Shared by the CLI and the language server; never throws — a broken
 * configuration comes back as `error` (with the file and the offending key) and default settings.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { SeveritySetting } from '../rule.js';
import { matchesAny } from './glob.js';
import { validateConfig } from './validate.js';

export const CONFIG_FILE_NAMES = ['roslint.config.json', '.roslintrc.json'] as const;

export interface ConfigError {
  /** The configuration file at fault. */
  file: string;
  /** Offending key path (`rules.wireguard/mtu`, `overrides[1].files`), `(root)` for the whole file. */
  keyPath: string;
  message: string;
}

export function formatConfigError(e: ConfigError): string {
  return `${e.file}: ${e.keyPath}: ${e.message}`;
}

/** One accepted finding (`ignores[]`), with the directory its `files` globs are relative to. */
export interface IgnoreEntry {
  rule: string;
  files?: string[];
  name?: string;
  comment?: string;
  'public-key'?: string;
  interface?: string;
  reason?: string;
  baseDir: string;
}

export interface ResolvedConfig {
  /** The configuration file used (absolute), if any. */
  configFile?: string;
  severities: Record<string, SeveritySetting>;
  ruleOptions: Record<string, unknown>;
  routerosVersion?: string;
  /** The file matches `ignorePatterns`: do not lint it. */
  ignored: boolean;
  /** `ignores` entries whose `files` match this file. */
  ignores: IgnoreEntry[];
  /** Name of the first `networks` group whose globs match this file. */
  network?: string;
  /** Every network group, name → globs (relative to `networksBaseDir`). */
  networks: Record<string, string[]>;
  error?: ConfigError;
}

export interface ConfigLoadOptions {
  /** Use this file instead of looking for one (`--config`). Relative to `cwd`. */
  configFile?: string;
  /** Ignore configuration files (`--no-config`). */
  noConfig?: boolean;
  cwd?: string;
  /** Rule ids outside this set are configuration errors (the front end knows its rules). */
  isKnownRule?: (id: string) => boolean;
}

interface RawOverride {
  files: string | string[];
  excludedFiles?: string | string[];
  rules?: Record<string, unknown>;
  routerosVersion?: string;
}

interface RawConfig {
  extends?: string | string[];
  routerosVersion?: string;
  rules?: Record<string, unknown>;
  overrides?: RawOverride[];
  ignorePatterns?: string[];
  networks?: Record<string, string[]>;
  ignores?: (Omit<IgnoreEntry, 'baseDir' | 'files'> & { files?: string | string[] })[];
}

/** One configuration file, extends already flattened (base first). */
interface Layer {
  file: string;
  dir: string;
  data: RawConfig;
}

const LEVELS: Record<string, SeveritySetting> = {
  off: 'off', '0': 'off', info: 'info', warning: 'warning', warn: 'warning', '1': 'warning', error: 'error', '2': 'error',
};

const asList = (g: string | string[] | undefined): string[] => (g === undefined ? [] : Array.isArray(g) ? g : [g]);

class ConfigFileError extends Error {
  constructor(readonly detail: ConfigError) {
    super(formatConfigError(detail));
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The nearest configuration file from `startDir` up. With `memo`, each directory looked at
 * remembers its answer (a run over 1,000 files of one directory stat'ed the same names up the
 * tree per file, ~150 ms).
 */
export function findConfigFile(startDir: string, memo?: Map<string, string | undefined>): string | undefined {
  const dir = path.resolve(startDir);
  if (memo?.has(dir)) return memo.get(dir);
  let found: string | undefined;
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(dir, name);
    if (isFile(candidate)) {
      found = candidate;
      break;
    }
  }
  if (found === undefined) {
    const parent = path.dirname(dir);
    if (parent !== dir) found = findConfigFile(parent, memo);
  }
  memo?.set(dir, found);
  return found;
}

function applyRules(rules: Record<string, unknown> | undefined, out: ResolvedConfig): void {
  for (const [id, value] of Object.entries(rules ?? {})) {
    const [level, options] = Array.isArray(value) ? [value[0], value[1]] : [value, undefined];
    const severity = LEVELS[String(level)];
    if (severity) out.severities[id] = severity;
    if (options !== undefined) out.ruleOptions[id] = options;
    // `[level]` alone resets options an extended config set.
    else if (Array.isArray(value)) delete out.ruleOptions[id];
  }
}

/** Reads, parses, validates and flattens configuration files; caches by path and mtime. */
export class ConfigLoader {
  private readonly files = new Map<string, { mtimeMs: number; layers: Layer[] | ConfigError }>();
  private readonly explicit?: string;
  /** The configuration file that applies in each directory looked at (undefined: none). */
  private readonly byDirectory = new Map<string, string | undefined>();

  constructor(private readonly options: ConfigLoadOptions = {}) {
    if (options.configFile) this.explicit = path.resolve(options.cwd ?? process.cwd(), options.configFile);
  }

  invalidate(): void {
    this.files.clear();
    this.byDirectory.clear();
  }

  /** The configuration file that applies to `file` (absolute or relative to cwd). */
  configFileFor(file: string): string | undefined {
    if (this.options.noConfig) return undefined;
    if (this.explicit) return this.explicit;
    return findConfigFile(path.dirname(path.resolve(this.options.cwd ?? process.cwd(), file)), this.byDirectory);
  }

  configFor(file: string): ResolvedConfig {
    const abs = path.resolve(this.options.cwd ?? process.cwd(), file);
    const out: ResolvedConfig = { severities: {}, ruleOptions: {}, ignored: false, ignores: [], networks: {} };
    const configFile = this.configFileFor(abs);
    if (!configFile) return out;
    out.configFile = configFile;
    const layers = this.layers(configFile);
    if (!Array.isArray(layers)) return { ...out, error: layers };
    for (const { dir, data } of layers) {
      applyRules(data.rules, out);
      if (data.routerosVersion !== undefined) out.routerosVersion = data.routerosVersion;
      for (const o of data.overrides ?? []) {
        if (!matchesAny(dir, abs, asList(o.files)) || matchesAny(dir, abs, asList(o.excludedFiles))) continue;
        applyRules(o.rules, out);
        if (o.routerosVersion !== undefined) out.routerosVersion = o.routerosVersion;
      }
      if (matchesAny(dir, abs, data.ignorePatterns ?? [], true)) out.ignored = true;
      for (const entry of data.ignores ?? []) {
        const files = entry.files === undefined ? undefined : asList(entry.files);
        if (files === undefined || matchesAny(dir, abs, files)) out.ignores.push({ ...entry, files, baseDir: dir });
      }
      for (const [name, globs] of Object.entries(data.networks ?? {})) {
        out.networks[name] = globs.map((g) => path.relative(path.dirname(configFile), path.join(dir, g)).split(path.sep).join('/'));
      }
    }
    // The first group (in the order written) that names the file wins.
    for (const [name, globs] of Object.entries(out.networks)) {
      if (matchesAny(path.dirname(configFile), abs, globs)) {
        out.network = name;
        break;
      }
    }
    return out;
  }

  private layers(file: string, seen: string[] = []): Layer[] | ConfigError {
    let mtimeMs = -1;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return { file, keyPath: '(root)', message: 'cannot be read (no such file)' };
    }
    const hit = this.files.get(file);
    if (hit && hit.mtimeMs === mtimeMs && seen.length === 0) return hit.layers;
    let layers: Layer[] | ConfigError;
    try {
      layers = this.readLayers(file, seen);
    } catch (err) {
      layers = err instanceof ConfigFileError ? err.detail : { file, keyPath: '(root)', message: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
    }
    if (seen.length === 0) this.files.set(file, { mtimeMs, layers });
    return layers;
  }

  /** Key path of the first rule id the front end does not know. */
  private unknownRule(raw: RawConfig): string | undefined {
    const known = this.options.isKnownRule;
    if (!known) return undefined;
    for (const id of Object.keys(raw.rules ?? {})) if (!known(id)) return `rules.${id}`;
    for (const [i, o] of (raw.overrides ?? []).entries()) {
      for (const id of Object.keys(o.rules ?? {})) if (!known(id)) return `overrides[${i}].rules.${id}`;
    }
    for (const [i, e] of (raw.ignores ?? []).entries()) if (!known(e.rule)) return `ignores[${i}].rule`;
    return undefined;
  }

  private readLayers(file: string, seen: string[]): Layer[] {
    if (seen.includes(file)) {
      throw new ConfigFileError({ file: seen[seen.length - 1]!, keyPath: 'extends', message: `circular extends through ${file}` });
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigFileError({ file, keyPath: '(root)', message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
    }
    let data: unknown;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new ConfigFileError({ file, keyPath: '(root)', message: `is not valid JSON: ${err instanceof Error ? err.message : String(err)}` });
    }
    const problems = validateConfig(data);
    if (problems.length > 0) throw new ConfigFileError({ file, ...problems[0]! });
    const raw = data as RawConfig;
    const unknown = this.unknownRule(raw);
    if (unknown) throw new ConfigFileError({ file, keyPath: unknown, message: 'unknown rule (see roslint --list-rules)' });
    const dir = path.dirname(file);
    const layers: Layer[] = [];
    for (const [i, base] of asList(raw.extends).entries()) {
      const target = path.resolve(dir, base);
      if (!isFile(target)) {
        const keyPath = Array.isArray(raw.extends) ? `extends[${i}]` : 'extends';
        throw new ConfigFileError({ file, keyPath, message: `"${base}" cannot be read (no such file)` });
      }
      layers.push(...this.readLayers(target, [...seen, file]));
    }
    layers.push({ file, dir, data: raw });
    return layers;
  }
}

/** One-shot: the settings for one file (see ConfigLoader to reuse parsed files across many). */
export function loadConfigFor(file: string, options: ConfigLoadOptions = {}): ResolvedConfig {
  return new ConfigLoader(options).configFor(file);
}
