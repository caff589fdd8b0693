/**
 * What the schema says about a menu path, a command word and an argument name, as the schema
 * rules ask it — computed once per (version, menu, command, name) and kept for the process.
 *
 * An export repeats the same few dozen (menu, command, argument) triples hundreds of thousands of
 * times, and a network of routers repeats them per file, so each answer is a map look-up after
 * its first use. Safe to keep: the schema data is loaded once and never changes, and every fact
 * here is a pure function of its keys (the same schema calls the rules made per command before).
 * Every map is bounded, so a file of endless distinct names cannot grow them without limit.
 */
import {
  argInfo, argsOf, canonicalizeMenuPath, resolveArgName, resolveCommandName,
} from '@roslint/schema';
import type { ArgInfo } from '@roslint/schema';
import { isPlatformArg, isPlatformMenu } from './platform.js';
import { requiredArgs } from './required.js';
import { mayRejectValue, valueProblem } from './value-check.js';

/** Entries per map before it starts over (far above what real files need). */
const MAP_LIMIT = 10_000;

function boundedSet<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= MAP_LIMIT) map.clear();
  map.set(key, value);
  return value;
}

/** A word written literally: a name RouterOS would look up, not something built at run time. */
export function isStaticName(word: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(word);
}

/** Argument commands whose names are properties (others, like `find`/`print`, take filters). */
export const PROPERTY_COMMANDS: ReadonlySet<string> = new Set(['add', 'set']);

// Why an argument name may be reported, whatever the command it appears in (bits of `ArgFacts.flags`).
/** unknown-property: ambiguous in the file's version, or unknown in every version. */
export const NAME_PROBLEM = 1;
/** version-mismatch: known, but not in the file's version. */
export const VERSION_PROBLEM = 2;
/** invalid-value: the argument's values can be judged (closed set, time, number, port). */
export const VALUE_CHECKED = 4;

/** Values remembered per argument: enough for the repeated ones (`yes`, `25s`, `13231`). */
const VALUE_MEMO_LIMIT = 1_000;

/** One argument name as written (`name`, `!name`, `nam`) of a command in a menu. */
export class ArgFacts {
  /** The name without the unset `!`. */
  readonly name: string;
  /** 1 when written with the unset `!`: the name starts one character into the argument. */
  readonly bang: 0 | 1;
  readonly isStatic: boolean;
  /** Canonical name in any version (exact, or the one name it abbreviates). */
  readonly known: string | undefined;
  /** Canonical name in the file's version (without a version: `known`). */
  readonly inVersion: string | undefined;
  /** Names of the command (in the file's version, else in any) that `name` is a prefix of, sorted. */
  readonly prefixOf: string[];
  /** A hardware/package property the schema dumps lack. */
  readonly platform: boolean;
  /** Schema information of `known` (shared: do not mutate). */
  readonly info: ArgInfo | undefined;
  /** NAME_PROBLEM | VERSION_PROBLEM | VALUE_CHECKED. */
  readonly flags: number;
  private readonly values = new Map<string, string | undefined>();

  constructor(cmd: CommandFacts, raw: string) {
    const { path, command, version } = cmd;
    this.bang = raw.startsWith('!') ? 1 : 0;
    this.name = this.bang ? raw.slice(1) : raw;
    this.isStatic = isStaticName(this.name);
    this.known = this.isStatic ? resolveArgName(path, command, this.name) : undefined;
    this.inVersion = this.isStatic && version !== undefined ? resolveArgName(path, command, this.name, version) : this.known;
    const candidates = this.isStatic ? argsOf(path, command, version) : [];
    this.prefixOf = candidates.filter((c) => c.startsWith(this.name)).sort();
    this.platform = this.isStatic && isPlatformArg(path, this.name);
    this.info = this.known === undefined ? undefined : argInfo(path, command, this.known);
    let flags = 0;
    if (this.isStatic) {
      const ambiguous = this.prefixOf.length > 1 && !this.prefixOf.includes(this.name);
      if (ambiguous || (this.known === undefined && !this.platform)) flags |= NAME_PROBLEM;
      if (this.known !== undefined && this.inVersion === undefined && !this.platform) flags |= VERSION_PROBLEM;
      if (this.info !== undefined && mayRejectValue(this.info)) flags |= VALUE_CHECKED;
    }
    this.flags = flags;
  }

  /** `valueProblem` of a static value of this argument (undefined when the name is not known). */
  valueProblem(value: string): string | undefined {
    if (this.info === undefined) return undefined;
    const memo = this.values;
    if (memo.has(value)) return memo.get(value);
    const problem = valueProblem(value, this.info);
    if (memo.size < VALUE_MEMO_LIMIT) memo.set(value, problem);
    return problem;
  }
}

/** A command (canonical name) of a menu: its arguments by name as written. */
export class CommandFacts {
  /** `add`/`set`: its arguments are properties. */
  readonly property: boolean;
  /** Arguments it cannot do without (alternatives per entry), for the `add`s of a few menus. */
  readonly required: readonly (readonly string[])[] | undefined;
  private readonly args = new Map<string, ArgFacts>();

  readonly path: string[];
  readonly version: string | undefined;

  constructor(readonly menu: MenuFacts, readonly command: string) {
    this.path = menu.path;
    this.version = menu.version;
    this.property = PROPERTY_COMMANDS.has(command);
    this.required = requiredArgs(menu.text, command);
  }

  /** Facts of the argument name as written (`arg.name`, with a leading `!` if any). */
  arg(raw: string): ArgFacts {
    return this.args.get(raw) ?? boundedSet(this.args, raw, new ArgFacts(this, raw));
  }
}

/** A command word as written in a menu. */
export interface WordFacts {
  /** The canonical command in the file's version, else in any version (undefined: not a command). */
  command: string | undefined;
  /** The canonical command in the file's version (without a version: `command`). */
  inVersion: string | undefined;
  facts: CommandFacts | undefined;
}

/** A menu (canonical path as the file's version reads it). */
export class MenuFacts {
  /** `/ip/firewall/filter`. */
  readonly text: string;
  /** A hardware/package menu, or below one. */
  readonly platform: boolean;
  /** False when the file's version lacks the menu (always true without a version). */
  readonly inVersion: boolean;
  /** When `inVersion` is false: the shortest prefix the version lacks, unless a platform menu comes first. */
  readonly missingPrefix: string[] | undefined;
  private readonly words = new Map<string, WordFacts>();
  private readonly commands = new Map<string, CommandFacts>();

  constructor(readonly path: string[], readonly version: string | undefined) {
    this.text = '/' + path.join('/');
    this.platform = isPlatformMenu(path);
    this.inVersion = version === undefined || canonicalizeMenuPath(path, version) !== undefined;
    if (!this.inVersion) {
      for (let i = 1; i <= path.length; i++) {
        const prefix = path.slice(0, i);
        if (canonicalizeMenuPath(prefix, version) !== undefined) continue;
        if (!isPlatformMenu(prefix)) this.missingPrefix = prefix; // else present or not by hardware, not by version
        break;
      }
    }
  }

  /** Facts of a command word as written (`add`, `ad`, `frobnicate`). */
  word(raw: string): WordFacts {
    const hit = this.words.get(raw);
    if (hit !== undefined) return hit;
    let command: string | undefined;
    let inVersion: string | undefined;
    if (isStaticName(raw)) {
      inVersion = this.version !== undefined ? resolveCommandName(this.path, raw, this.version) : undefined;
      command = inVersion ?? resolveCommandName(this.path, raw);
      if (this.version === undefined) inVersion = command;
    }
    return boundedSet(this.words, raw, { command, inVersion, facts: command === undefined ? undefined : this.command(command) });
  }

  private command(name: string): CommandFacts {
    return this.commands.get(name) ?? boundedSet(this.commands, name, new CommandFacts(this, name));
  }
}

/** Where a statement's menu segments (as written, abbreviations included) lead. */
export interface PathFacts {
  /** Canonical path when some version knows it. */
  path: string[] | undefined;
  /** When `path` is undefined: the first segment no version knows, under a known parent. */
  badSegment: { index: number; parent: string[] } | undefined;
  menu: MenuFacts | undefined;
}

/** Everything above for one version (undefined: judged by any version). */
export class VersionFacts {
  private readonly paths = new Map<string, PathFacts>();
  private readonly menus = new Map<string, MenuFacts>();

  constructor(readonly version: string | undefined) {}

  /**
   * Canonical path of `segments` — as the version reads it when it knows the path (in 7.12 `wifi`
   * abbreviates `wifiwave2`), else in any version — or the first unknown segment with its known parent.
   */
  path(segments: readonly string[]): PathFacts {
    // Length-prefixed, so no two segment lists share a key whatever characters they hold.
    let key = '';
    for (const s of segments) key += `${s.length}:${s}`;
    return this.paths.get(key) ?? boundedSet(this.paths, key, this.resolvePath(segments));
  }

  private resolvePath(segments: readonly string[]): PathFacts {
    const version = this.version;
    const whole = (version !== undefined ? canonicalizeMenuPath(segments, version) : undefined) ?? canonicalizeMenuPath(segments);
    if (whole !== undefined) return { path: whole, badSegment: undefined, menu: this.menu(whole) };
    let parent: string[] = [];
    for (let i = 0; i < segments.length; i++) {
      const next = canonicalizeMenuPath(segments.slice(0, i + 1));
      if (next === undefined) {
        return { path: undefined, badSegment: isStaticName(segments[i]!) ? { index: i, parent } : undefined, menu: undefined };
      }
      parent = next;
    }
    return { path: undefined, badSegment: undefined, menu: undefined };
  }

  private menu(path: string[]): MenuFacts {
    const key = path.join('/'); // canonical segments are schema names: no `/` inside
    return this.menus.get(key) ?? boundedSet(this.menus, key, new MenuFacts(path, this.version));
  }
}

const byVersion = new Map<string | undefined, VersionFacts>();

/** The facts for files judged by `version` (a resolved schema version, or undefined for any). */
export function versionFacts(version: string | undefined): VersionFacts {
  return byVersion.get(version) ?? boundedSet(byVersion, version, new VersionFacts(version));
}
