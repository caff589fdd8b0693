/**
 * What the schema rules share: the version a file is judged by, and each recorded command resolved
 * against the schema (menu path, command, argument names), computed once per config.
 *
 * Conservative by construction: anything built at run time (`$var`, `[ … ]`, `( … )`) or not located
 * in the file's text is left alone, and without a declared version a name counts as known when any
 * RouterOS version has it.
 */
import type { Span } from '@roslint/parser';
import type { Analysis } from '../../rule.js';
import type { CommandRecord, RouterConfig } from '../../model/types.js';
import {
  argsOf as schemaArgsOf, canonicalizeMenuPath as schemaCanonicalizeMenuPath,
  closestNames as schemaClosestNames, commandsOf, isCommand,
  resolveCommandName as schemaResolveCommandName, resolveVersion, subMenusOf,
  versionsOf,
} from '@roslint/schema';
import { isStaticName, NAME_PROBLEM, PROPERTY_COMMANDS, VALUE_CHECKED, VERSION_PROBLEM, versionFacts } from './facts.js';
import type { CommandFacts, MenuFacts, PathFacts, WordFacts } from './facts.js';

export { isStaticName, NAME_PROBLEM, PROPERTY_COMMANDS, VALUE_CHECKED, VERSION_PROBLEM };

// The per-command questions are answered by facts.ts. The schema lookups rebuild name lists on
// every call, so the rarer ones the rules ask while reporting (did-you-mean, unknown commands) are
// memoised here too: per path array (canonical paths are shared), then by question and names.
const MEMO_LIMIT = 20_000;
const menuMemo = new Map<string, string[] | undefined>();
type Memo = Map<string, unknown>;
const byPath = new WeakMap<readonly string[], Map<string, Memo>>();
let memoEntries = 0;
/** Answer of `compute` for (path, what, version, a, b): nested maps, no key strings built per call. */
function remember<T>(path: readonly string[], what: string, version: string | undefined, a: string, b: string, compute: () => T): T {
  let perPath = byPath.get(path);
  if (perPath === undefined) byPath.set(path, (perPath = new Map()));
  const k1 = version === undefined ? what : what + version;
  let l1 = perPath.get(k1);
  if (l1 === undefined) perPath.set(k1, (l1 = new Map()));
  let l2 = l1.get(a) as Memo | undefined;
  if (l2 === undefined) l1.set(a, (l2 = new Map()));
  if (l2.has(b)) return l2.get(b) as T;
  if (++memoEntries > MEMO_LIMIT) {
    // Bounded: a file with endless distinct names restarts this path's cache.
    memoEntries = 0;
    perPath.clear();
    perPath.set(k1, (l1 = new Map()));
    l1.set(a, (l2 = new Map()));
  }
  const value = compute();
  l2.set(b, value);
  return value;
}

/**
 * `closestNames` of @roslint/schema over the candidates that can be close at all: an edit distance
 * is at least the difference in length, so a 10 MB word is not compared character by character
 * with every menu name. Same answers.
 */
export function closestNames(word: string, candidates: Iterable<string>, maxDistance?: number): string[] {
  const limit = maxDistance ?? Math.max(1, Math.floor(word.length / 3));
  const possible: string[] = [];
  for (const c of candidates) if (Math.abs(c.length - word.length) <= limit) possible.push(c);
  return schemaClosestNames(word, possible, maxDistance);
}

/** Memoised `canonicalizeMenuPath` of @roslint/schema (the returned array is shared: do not mutate). */
export function canonicalizeMenuPath(segments: readonly string[], version?: string): string[] | undefined {
  const key = `${version ?? ''}\u0000${segments.join('/')}`;
  if (menuMemo.has(key)) return menuMemo.get(key);
  if (menuMemo.size >= MEMO_LIMIT) menuMemo.clear();
  const value = schemaCanonicalizeMenuPath(segments, version);
  menuMemo.set(key, value);
  return value;
}
/** Memoised `resolveCommandName` of @roslint/schema. */
export function resolveCommandName(path: readonly string[], word: string, version?: string): string | undefined {
  return remember(path, 'c', version, word, '', () => schemaResolveCommandName(path, word, version));
}
/** Memoised `argsOf` of @roslint/schema (the returned array is shared: do not mutate). */
export function argsOf(path: readonly string[], command: string, version?: string): string[] {
  return remember(path, 'a', version, command, '', () => schemaArgsOf(path, command, version));
}
/** Does `text[start, end)` contain `$`, `[` or `(` (a value built at run time)? */
export function hasRuntimeSyntax(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 36 /* $ */ || c === 91 /* [ */ || c === 40 /* ( */) return true;
  }
  return false;
}

export interface SchemaVersion {
  /** The known version the file is judged by; undefined when the file declares none (or a 7.x older than 7.9). */
  version?: string;
  /** The version as the file/option gave it, for messages. */
  declared?: string;
  /** RouterOS 6 and older, or a version text that cannot be read: no schema judgement at all. */
  skip: boolean;
}

export function schemaVersion(config: RouterConfig): SchemaVersion {
  const v = config.version;
  if (v === undefined) return { skip: false };
  if (!(v.major >= 7)) return { declared: v.text, skip: true };
  const version = resolveVersion(v.text);
  return version === undefined ? { declared: v.text, skip: false } : { version, declared: v.text, skip: false };
}

/** `7.16.1 (judged as 7.16.2)` or `7.16.2`. */
export function versionLabel(sv: SchemaVersion): string {
  if (sv.version === undefined) return sv.declared ?? 'any version';
  return sv.declared !== undefined && sv.declared !== sv.version ? `${sv.declared} (schema ${sv.version})` : sv.version;
}

/** The path segments written in this statement, with their spans (a relative path covers the tail). */
export interface WrittenSegment {
  index: number;
  text: string;
  span: Span;
}

function pathHeader(config: RouterConfig, rec: CommandRecord): { text: string; start: number } {
  const start = rec.span.start;
  let end = rec.commandSpan?.start ?? rec.span.end;
  const text = config.source.text.slice(start, end);
  const brace = text.indexOf('{'); // a path block: only the text before its body
  if (brace >= 0) end = start + brace;
  return { text: config.source.text.slice(start, end), start };
}

/** Segments of `rec.menuSegments` that this statement spells out, located in the source. */
export function writtenSegments(config: RouterConfig, rec: CommandRecord): WrittenSegment[] {
  const { text, start } = pathHeader(config, rec);
  const tokens: { text: string; span: Span }[] = [];
  const re = /[^\s/\\]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    tokens.push({ text: m[0], span: { start: start + m.index, end: start + m.index + m[0].length } });
  }
  // `..` and `.` change the mapping between tokens and segments: do not guess.
  if (tokens.some((t) => t.text === '..' || t.text === '.' || !isStaticName(t.text))) return [];
  const offset = rec.menuSegments.length - tokens.length;
  if (offset < 0) return [];
  const out: WrittenSegment[] = [];
  tokens.forEach((t, i) => {
    const seg = rec.menuSegments[offset + i]!;
    // Equal as written, or written as an abbreviation the evaluator already expanded.
    if (seg === t.text || seg.startsWith(t.text)) out.push({ index: offset + i, text: t.text, span: t.span });
  });
  return out.length === tokens.length ? out : [];
}

// Why a schema rule may report on a record (bits of `ResolvedRecord.reasons`); the argument bits
// NAME_PROBLEM, VERSION_PROBLEM and VALUE_CHECKED (facts.ts) are the union over its `add`/`set` arguments.
/** unknown-menu: a segment no version knows (`badSegment`). */
export const BAD_MENU = 8;
/** unknown-command: a command word in a known menu that names no command of it. */
export const UNKNOWN_COMMAND = 16;
/** version-mismatch: the menu is known, but not in the file's version. */
export const MENU_NOT_IN_VERSION = 32;
/** version-mismatch: the command is known, but not in the file's version. */
export const COMMAND_NOT_IN_VERSION = 64;
/** missing-required: a command with required arguments (`add` of a WireGuard peer, a route, …). */
export const REQUIRED = 128;

/** A recorded command resolved against the schema. */
export interface ResolvedRecord {
  record: CommandRecord;
  /** Canonical menu path when some version knows it (abbreviations expanded). */
  path: string[] | undefined;
  /** When `path` is undefined: the first segment no version knows, under a known parent. */
  badSegment: { index: number; parent: string[] } | undefined;
  /** Canonical command name when some version knows it. */
  command: string | undefined;
  /** Facts of the menu at `path`. */
  menu: MenuFacts | undefined;
  /** Facts of the command word as written (when `path` is known and the word is static). */
  word: WordFacts | undefined;
  /** Facts of `command` (its arguments). */
  cmd: CommandFacts | undefined;
  /** Why a rule may report on it: BAD_MENU, UNKNOWN_COMMAND, …, and the argument bits. */
  reasons: number;
}

export interface SchemaRecords {
  /** The records some schema rule may report on (`reasons` ≠ 0), in source order: in real files, few. */
  notable: ResolvedRecord[];
}

/** Reasons that depend on the menu and command word alone (not on the arguments). */
function commandReasons(where: PathFacts, word: WordFacts | undefined, command: string | null): number {
  let reasons = 0;
  if (where.badSegment !== undefined) reasons |= BAD_MENU;
  if (where.menu !== undefined) {
    if (!where.menu.inVersion) reasons |= MENU_NOT_IN_VERSION;
    if (command !== null && word?.facts === undefined) reasons |= UNKNOWN_COMMAND;
    if (word?.facts !== undefined && word.inVersion === undefined) reasons |= COMMAND_NOT_IN_VERSION;
  }
  if (word?.facts?.required !== undefined) reasons |= REQUIRED;
  return reasons;
}

/**
 * Every recorded command resolved once per config and shared by the schema rules (`ctx.use`).
 * Only the records a rule may report on get an object: an export has hundreds of thousands of
 * commands, and reading them once is most of the schema rules' cost. The loop is kept small:
 * menu and command are resolved once per run of records that share them (the evaluator hands
 * consecutive commands of one menu the same segments array), the arguments with one look-up each.
 */
export const schemaRecords: Analysis<SchemaRecords> = (config) => {
  const notable: ResolvedRecord[] = [];
  const facts = versionFacts(schemaVersion(config).version);
  let lastSegments: readonly string[] | undefined;
  let lastCommand: string | null = null;
  let where = facts.path([]);
  let word: WordFacts | undefined;
  let cmd: CommandFacts | undefined;
  let base = 0;
  // The reasons the last argument-name list gave under `cmd`: runs of commands share one list
  // (the model shares equal lists), so most records need no argument look-up at all.
  let lastNames: readonly (string | null)[] | undefined;
  let namesReasons = 0;
  for (const record of config.commands) {
    if (record.menuSegments !== lastSegments || record.command !== lastCommand) {
      lastNames = undefined;
      if (record.menuSegments !== lastSegments) where = facts.path(record.menuSegments);
      lastSegments = record.menuSegments;
      lastCommand = record.command;
      word = where.menu === undefined || record.command === null ? undefined : where.menu.word(record.command);
      cmd = word?.facts?.property === true ? word.facts : undefined; // only `add`/`set` arguments are judged
      base = commandReasons(where, word, record.command);
    }
    let reasons = base;
    if (cmd !== undefined) {
      const names = record.argNames;
      if (names !== lastNames) {
        lastNames = names;
        namesReasons = 0;
        for (const name of names) if (name !== null) namesReasons |= cmd.arg(name).flags;
      }
      reasons |= namesReasons;
    }
    if (reasons !== 0) notable.push(resolved(record, where, word, reasons));
  }
  return { notable };
};

function resolved(record: CommandRecord, where: PathFacts, word: WordFacts | undefined, reasons: number): ResolvedRecord {
  return { record, path: where.path, badSegment: where.badSegment, command: word?.command, menu: where.menu, word, cmd: word?.facts, reasons };
}

export function menuText(path: readonly string[]): string {
  return '/' + path.join('/');
}

/** Global commands (`put`, `if`, `export`) are reachable from every menu. */
export function isGlobalCommand(word: string): boolean {
  return isCommand([], word);
}

export { commandsOf, subMenusOf, versionsOf };

/** Names in `candidates` that `word` abbreviates (for "ambiguous" messages). */
export function prefixMatches(word: string, candidates: readonly string[]): string[] {
  return candidates.filter((c) => c.startsWith(word)).sort();
}

/** `a`, `a` or `b`, `a`, `b` or `c` (backquoted). */
export function orList(names: readonly string[]): string {
  const q = names.map((n) => `\`${n}\``);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/** The argument name as written without the unset `!`, and where it is. */
export function argName(arg: CommandRecord['args'][number]): { name: string; span: Span } | undefined {
  if (arg.name === null) return undefined;
  if (arg.name.startsWith('!')) {
    const name = arg.name.slice(1);
    return { name, span: { start: arg.span.start + 1, end: arg.span.start + 1 + name.length } };
  }
  return { name: arg.name, span: arg.nameSpan ?? { start: arg.span.start, end: arg.span.start + arg.name.length } };
}

export { resolveVersion };
