/**
 * Lookups in the merged menu/command/argument tree. Paths are canonical (full names) unless a
 * function says it expands abbreviations; every lookup is total (unknown → undefined, never throws).
 */
import { loadSchema, type RawArg, type RawCommand, type RawMenu, type ValueKind } from './data.js';
import { versionBit, versionsOfMask } from './versions.js';
import { closestNames } from './similar.js';

/** `['interface','wireguard']`, or the text `/interface/wireguard` / `/interface wireguard`. */
export type MenuPath = readonly string[] | string;

export interface MenuInfo {
  path: string[];
  /** Versions in which the menu exists. */
  versions: string[];
  /** Sub-menus and commands in any version (use the version argument of the list helpers to filter). */
  menus: string[];
  commands: string[];
}

export interface CommandInfo {
  path: string[];
  command: string;
  versions: string[];
  args: string[];
}

export interface ArgInfo {
  path: string[];
  command: string;
  arg: string;
  versions: string[];
  /** Value kind hinted by RouterOS's `desc`; absent when RouterOS says nothing usable. */
  kind?: ValueKind;
  /** Known values (from the completion lists of `enumSource`, or the enum named in `desc`). */
  values?: string[];
  /**
   * True only when `values` is provably the whole set: an enum spelled out in `desc`
   * (comma lists of it allowed) or a yes/no flag. Other completion lists are suggestions.
   */
  closed: boolean;
}

export function toSegments(path: MenuPath): string[] {
  if (typeof path !== 'string') return [...path];
  return path.split(/[/\s]+/).filter((s) => s.length > 0);
}

interface Found<T> { node: T; mask: number }

function allMask(): number {
  return (1 << loadSchema().versions.length) - 1;
}

/** The menu at an exact path with its effective version mask. */
function findMenu(path: MenuPath): Found<RawMenu> | undefined {
  let node = loadSchema().root;
  let mask = allMask();
  for (const seg of toSegments(path)) {
    const next: RawMenu | undefined = node.m !== undefined && Object.hasOwn(node.m, seg) ? node.m[seg] : undefined;
    if (next === undefined) return undefined;
    node = next;
    mask = next.v ?? mask;
  }
  return { node, mask };
}

function findCommand(path: MenuPath, command: string): Found<RawCommand> | undefined {
  const menu = findMenu(path);
  if (menu === undefined || menu.node.c === undefined || !Object.hasOwn(menu.node.c, command)) return undefined;
  const node = loadSchema().commands[menu.node.c[command]!]!;
  return { node, mask: node.v ?? menu.mask };
}

function findArg(path: MenuPath, command: string, arg: string): Found<RawArg> | undefined {
  const cmd = findCommand(path, command);
  if (cmd === undefined || cmd.node.a === undefined || !Object.hasOwn(cmd.node.a, arg)) return undefined;
  const node = loadSchema().args[cmd.node.a[arg]!]!;
  return { node, mask: node.v ?? cmd.mask };
}

/** Version filter: a bit, or all versions when no version is given or it is not resolvable. */
function filterMask(version: string | undefined): number {
  return (version !== undefined ? versionBit(version) : undefined) ?? allMask();
}

/** Names of children present in the versions of `filter` (`table` resolves shared indexes). */
function names<T extends { v?: number }>(
  children: Record<string, T | number> | undefined, parentMask: number, filter: number, table?: readonly T[],
): string[] {
  if (children === undefined) return [];
  return Object.keys(children).filter((k) => {
    const c = children[k]!;
    const node = typeof c === 'number' ? table![c]! : c;
    return ((node.v ?? parentMask) & filter) !== 0;
  });
}

// ---- information -------------------------------------------------------------------------------

export function menuInfo(path: MenuPath): MenuInfo | undefined {
  const f = findMenu(path);
  if (f === undefined) return undefined;
  return {
    path: toSegments(path),
    versions: versionsOfMask(f.mask),
    menus: Object.keys(f.node.m ?? {}),
    commands: Object.keys(f.node.c ?? {}),
  };
}

export function commandInfo(path: MenuPath, command: string): CommandInfo | undefined {
  const f = findCommand(path, command);
  if (f === undefined) return undefined;
  return { path: toSegments(path), command, versions: versionsOfMask(f.mask), args: Object.keys(f.node.a ?? {}) };
}

export function argInfo(path: MenuPath, command: string, arg: string): ArgInfo | undefined {
  const f = findArg(path, command, arg);
  if (f === undefined) return undefined;
  const info: ArgInfo = { path: toSegments(path), command, arg, versions: versionsOfMask(f.mask), closed: f.node.x === 1 };
  if (f.node.k !== undefined) info.kind = loadSchema().kinds[f.node.k];
  if (f.node.e !== undefined) info.values = [...f.node.e];
  return info;
}

/** Versions in which a menu (no command), a command (no arg) or an argument exists. */
export function versionsOf(path: MenuPath, command?: string, arg?: string): string[] | undefined {
  const f = command === undefined ? findMenu(path) : arg === undefined ? findCommand(path, command) : findArg(path, command, arg);
  return f === undefined ? undefined : versionsOfMask(f.mask);
}

/**
 * Whether the menu/command/argument exists in `version`: undefined when the version is not
 * resolvable or the thing exists in no version at all (nothing can be said).
 */
export function existsIn(version: string, path: MenuPath, command?: string, arg?: string): boolean | undefined {
  const bit = versionBit(version);
  if (bit === undefined) return undefined;
  const f = command === undefined ? findMenu(path) : arg === undefined ? findCommand(path, command) : findArg(path, command, arg);
  return f === undefined ? undefined : (f.mask & bit) !== 0;
}

export function isMenu(path: MenuPath, version?: string): boolean {
  const f = findMenu(path);
  return f !== undefined && (f.mask & filterMask(version)) !== 0;
}

/** `word` is a command (not a sub-menu) of the menu at `path` — in `version`, or in any version. */
export function isCommand(path: MenuPath, word: string, version?: string): boolean {
  const f = findCommand(path, word);
  return f !== undefined && (f.mask & filterMask(version)) !== 0;
}

// ---- listings (completion, did-you-mean) -------------------------------------------------------

export function subMenusOf(path: MenuPath, version?: string): string[] {
  const f = findMenu(path);
  return f === undefined ? [] : names(f.node.m, f.mask, filterMask(version));
}

export function commandsOf(path: MenuPath, version?: string): string[] {
  const f = findMenu(path);
  return f === undefined ? [] : names(f.node.c, f.mask, filterMask(version), loadSchema().commands);
}

export function argsOf(path: MenuPath, command: string, version?: string): string[] {
  const f = findCommand(path, command);
  return f === undefined ? [] : names(f.node.a, f.mask, filterMask(version), loadSchema().args);
}

export function suggestMenus(parent: MenuPath, word: string, version?: string): string[] {
  return closestNames(word, subMenusOf(parent, version));
}
export function suggestCommands(path: MenuPath, word: string, version?: string): string[] {
  return closestNames(word, commandsOf(path, version));
}
export function suggestArgs(path: MenuPath, command: string, word: string, version?: string): string[] {
  return closestNames(word, argsOf(path, command, version));
}

// ---- abbreviations -----------------------------------------------------------------------------

/**
 * RouterOS expands a word to the one sibling name it is a prefix of: an exact name wins, several
 * candidates (menus and commands compete alike) or none → undefined.
 */
function expand(word: string, candidates: readonly string[]): string | undefined {
  if (word.length === 0) return undefined;
  if (candidates.includes(word)) return word;
  let hit: string | undefined;
  for (const c of candidates) {
    if (c.startsWith(word)) {
      if (hit !== undefined) return undefined;
      hit = c;
    }
  }
  return hit;
}

/**
 * Canonical full menu path for absolute segments as written (`['ip','fire','fil']` →
 * `['ip','firewall','filter']`), expanding unique-prefix abbreviations. Undefined when the path is
 * not a known menu (of `version`, when given and resolvable; of any version otherwise).
 */
export function canonicalizeMenuPath(segments: readonly string[], version?: string): string[] | undefined {
  try {
    const filter = filterMask(version);
    const out: string[] = [];
    for (const seg of segments) {
      const f = findMenu(out)!;
      const menus = names(f.node.m, f.mask, filter);
      const name = expand(seg, [...menus, ...names(f.node.c, f.mask, filter, loadSchema().commands)]);
      if (name === undefined || !menus.includes(name)) return undefined;
      out.push(name);
    }
    return isMenu(out, version) ? out : undefined;
  } catch {
    return undefined; // e.g. the data file is missing: nothing is known
  }
}

/** Full command name for `word` (exact or unique prefix among the menu's commands and sub-menus). */
export function resolveCommandName(path: MenuPath, word: string, version?: string): string | undefined {
  const f = findMenu(path);
  if (f === undefined) return undefined;
  const filter = filterMask(version);
  const cmds = names(f.node.c, f.mask, filter, loadSchema().commands);
  const name = expand(word, [...cmds, ...names(f.node.m, f.mask, filter)]);
  return name !== undefined && cmds.includes(name) ? name : undefined;
}

/** Full argument name for `word` (exact or unique prefix among the command's arguments). */
export function resolveArgName(path: MenuPath, command: string, word: string, version?: string): string | undefined {
  return expand(word, argsOf(path, command, version));
}
