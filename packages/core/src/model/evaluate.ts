/**
 * AST → RouterConfig. (Placeholder body; the real evaluator replaces it.)
 */
import type { Diagnostic, ParseResult } from '@roslint/parser';
import type { RouterConfig, Menu, Item } from './types.js';

export interface BuildOptions {
  /** File path used in diagnostics. */
  file: string;
  /** `--routeros-version` / config `routerosVersion`; the export header wins only when this is unset. */
  routerosVersion?: string;
}

export interface BuildResult {
  config: RouterConfig;
  /** Model-level diagnostics (e.g. `model/unknown-item` for `set` of an item that does not exist). */
  diagnostics: Diagnostic[];
}

export function buildConfig(parsed: ParseResult, options: BuildOptions): BuildResult {
  const menus = new Map<string, Menu>();
  const config: RouterConfig = {
    file: options.file,
    source: parsed.source,
    comments: parsed.script.comments,
    isExport: false,
    showsSensitive: false,
    menus,
    commands: [],
    items: (m: string): Item[] => menus.get(m)?.items ?? [],
    singleton: (m: string): Item | undefined => menus.get(m)?.items[0],
  };
  return { config, diagnostics: [] };
}
