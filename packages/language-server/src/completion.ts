/**
 * Completion from the schema, for the file's RouterOS version: menus and commands after a path,
 * property names after a command, enumerated values after `name=`.
 */
import { argInfo, argsOf, canonicalizeMenuPath, commandsOf, isCommand, resolveArgName, resolveCommandName, resolveVersion, subMenusOf } from '@roslint/schema';
import { KIND_LABEL, occurrences, refKind } from './names.js';
import type { RouterConfig } from '@roslint/core';
import type { SourceText } from '@roslint/parser';
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';

/** The statement text from its first line up to the cursor (following `\` continuations back). */
function statementPrefix(source: SourceText, pos: Position): { text: string } {
  let line = pos.line;
  const parts = [source.lineText(line).slice(0, pos.character)];
  while (line > 0 && /\\$/.test(source.lineText(line - 1))) {
    line--;
    parts.unshift(source.lineText(line).replace(/\\$/, ' '));
  }
  return { text: parts.join('') };
}

/** Words of a statement prefix, quotes kept together; the last is the word being typed ('' after a space). */
function words(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      cur += c;
      if (c === '\\') cur += text[++i] ?? '';
      else if (c === '"') quoted = false;
    } else if (c === '"') {
      cur += c;
      quoted = true;
    } else if (c === ' ' || c === '\t') {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The menu the statement at `offset` runs in when it has no path of its own (export sections). */
function currentMenu(config: RouterConfig, offset: number): string[] {
  let menu = '/';
  for (const c of config.commands) {
    if (c.span.start >= offset) break;
    menu = c.menu;
  }
  return menu.split('/').filter(Boolean);
}

export function completionsAt(config: RouterConfig, source: SourceText, pos: Position, versionOverride?: string, group: readonly RouterConfig[] = [config]): CompletionItem[] {
  const version = resolveVersion(versionOverride ?? config.version?.text ?? '') ?? undefined;
  const { text } = statementPrefix(source, pos);
  const trimmed = text.replace(/^\s+/, '');
  const ws = words(trimmed);
  const typing = ws[ws.length - 1]!;
  const before = ws.slice(0, -1);
  const replaceFrom = (len: number) => ({ line: pos.line, character: Math.max(0, pos.character - len) });
  const item = (label: string, kind: CompletionItemKind, typed: string, insert = label, detail?: string): CompletionItem => ({
    label,
    kind,
    detail,
    textEdit: { range: { start: replaceFrom(typed.length), end: pos }, newText: insert },
    filterText: label,
  });

  // The path (`/ip/firewall filter`, or the current menu of an export section), then the verb.
  let menu: string[] = trimmed.startsWith('/') ? [] : currentMenu(config, source.offsetAt(pos.line, 0));
  const flat: string[] = [];
  let argStart = 0;
  for (; argStart < before.length; argStart++) {
    const w = before[argStart]!;
    if (/[="[({$]/.test(w)) break;
    flat.push(...w.split('/').filter(Boolean));
  }
  let k = 0;
  for (; k < flat.length; k++) {
    if (isCommand(menu, flat[k]!, version)) break;
    const next = canonicalizeMenuPath([...menu, flat[k]!], version);
    if (!next) break;
    menu = next;
  }
  const verbWord = flat[k];
  if (verbWord === undefined && !typing.includes('=')) {
    // Typing a path word or the command: menus and commands below the path so far.
    const slash = typing.lastIndexOf('/');
    const head = typing.slice(0, slash + 1).split('/').filter(Boolean);
    const base = canonicalizeMenuPath([...menu, ...head], version) ?? [...menu, ...head];
    const partial = typing.slice(slash + 1);
    return [
      ...subMenusOf(base, version).map((m) => item(m, CompletionItemKind.Module, partial, m, 'menu')),
      ...commandsOf(base, version).map((c) => item(c, CompletionItemKind.Function, partial, c, 'command')),
    ];
  }
  if (verbWord === undefined) return [];
  const verb = resolveCommandName(menu, verbWord, version);
  if (!verb) return [];
  const eq = typing.indexOf('=');
  if (eq >= 0) {
    const arg = resolveArgName(menu, verb, typing.slice(0, eq), version) ?? typing.slice(0, eq);
    const info = argInfo(menu, verb, arg);
    const partial = typing.slice(eq + 1);
    const values = (info?.values ?? []).map((v) => item(v, CompletionItemKind.EnumMember, partial, v, info?.closed ? 'value' : 'suggested value'));
    // Names the configuration defines (interfaces, lists, tables, scripts), from every file of the network.
    const kind = refKind('/' + menu.join('/'), arg);
    if (!kind || kind === 'public-key') return values;
    const seen = new Set(values.map((v) => v.label));
    const names: CompletionItem[] = [];
    for (const c of group) {
      for (const o of occurrences(c)) {
        if (o.kind !== kind || !o.definition || seen.has(o.name)) continue;
        seen.add(o.name);
        names.push(item(o.name, kind === 'interface' ? CompletionItemKind.Interface : CompletionItemKind.Reference, partial, o.name, KIND_LABEL[kind]));
      }
    }
    return [...names, ...values];
  }
  const given = new Set(before.slice(argStart).map((w) => w.split('=')[0]!));
  return argsOf(menu, verb, version)
    .filter((a) => !given.has(a))
    .map((a) => ({ ...item(a, CompletionItemKind.Property, typing, `${a}=`, 'property'), label: a }));
}
