/**
 * Names that tie a configuration together, with where each is defined and used: interfaces,
 * interface lists, address lists, routing tables, scripts, and WireGuard public keys (a peer's
 * `public-key` is "defined" by the interface whose private key derives it, in any file).
 * Go to definition, find references and hover all read this index.
 */
import { resolveArgName } from '@roslint/schema';
import { interfaceIndex, wireguardView, type CommandRecord, type RouterConfig, type PropertyValue } from '@roslint/core';
import type { Span } from '@roslint/parser';
import { canonicalCommand } from './locate.js';

export type NameKind = 'interface' | 'interface-list' | 'address-list' | 'routing-table' | 'script' | 'public-key';

export interface Occurrence {
  kind: NameKind;
  name: string;
  span: Span;
  definition: boolean;
  config: RouterConfig;
}

export const KIND_LABEL: Record<NameKind, string> = {
  interface: 'interface',
  'interface-list': 'interface list',
  'address-list': 'address list',
  'routing-table': 'routing table',
  script: 'script',
  'public-key': 'WireGuard public key',
};

/** Which argument names refer to which kind of name (canonical argument names). */
export function refKind(menu: string, arg: string): NameKind | undefined {
  if (arg === 'interface' || arg === 'in-interface' || arg === 'out-interface' || arg === 'master-port' || arg === 'master-interface') {
    return 'interface';
  }
  if (arg === 'bridge' && menu.startsWith('/interface/bridge/')) return 'interface';
  if (arg.endsWith('interface-list') || (arg === 'list' && menu === '/interface/list/member')) return 'interface-list';
  if ((arg === 'include' || arg === 'exclude') && menu === '/interface/list') return 'interface-list';
  if (arg === 'src-address-list' || arg === 'dst-address-list' || arg === 'address-list') return 'address-list';
  if (arg === 'list' && /^\/ipv?6?\/firewall\/address-list$/.test(menu)) return 'address-list';
  if (arg === 'routing-table' || arg === 'new-routing-mark' || arg === 'routing-mark') return 'routing-table';
  if (arg === 'table' && menu === '/routing/rule') return 'routing-table';
  if (arg === 'public-key' && menu === '/interface/wireguard/peers') return 'public-key';
  return undefined;
}

const NAME_MENUS: [string, NameKind][] = [
  ['/interface/list', 'interface-list'],
  ['/routing/table', 'routing-table'],
  ['/system/script', 'script'],
];

/** Strip quotes a value span may include, so locations cover the name itself. */
function nameSpan(sourceText: string, span: Span): Span {
  if (sourceText[span.start] === '"' && sourceText[span.end - 1] === '"' && span.end - span.start >= 2) {
    return { start: span.start + 1, end: span.end - 1 };
  }
  return span;
}

/** `/system script run backup` and a scheduler's `on-event=backup` call a script by name. */
function scriptCalls(cmd: CommandRecord, add: (kind: NameKind, name: string, span: Span, definition: boolean) => void): void {
  const verb = canonicalCommand(cmd);
  if (cmd.menu === '/system/script' && verb === 'run') {
    for (const arg of cmd.args) {
      if (arg.name === null && arg.value && arg.valueSpan && /^[\w.-]+$/.test(arg.value)) add('script', arg.value, arg.valueSpan, false);
    }
  }
  if (cmd.menu === '/system/scheduler' && verb) {
    for (const arg of cmd.args) {
      const name = arg.name && (resolveArgName(cmd.menu, verb, arg.name) ?? arg.name);
      // A bare word is a script name; anything with spaces or commands is inline script source.
      if (name === 'on-event' && arg.value && arg.valueSpan && /^[\w.-]+$/.test(arg.value)) add('script', arg.value, arg.valueSpan, false);
    }
  }
}

const cache = new WeakMap<RouterConfig, Occurrence[]>();

export function occurrences(config: RouterConfig): Occurrence[] {
  const hit = cache.get(config);
  if (hit) return hit;
  const out: Occurrence[] = [];
  const text = config.source.text;
  const add = (kind: NameKind, name: string, span: Span, definition: boolean) => {
    if (name) out.push({ kind, name, span: nameSpan(text, span), definition, config });
  };
  const addValue = (kind: NameKind, v: PropertyValue | undefined, definition: boolean) => {
    if (v && !v.dynamic && v.text) add(kind, v.text, v.span, definition);
  };
  try {
    for (const info of interfaceIndex(config).all) {
      addValue('interface', info.item.props.get('name') ?? info.item.props.get('default-name'), true);
    }
    for (const [menu, kind] of NAME_MENUS) for (const item of config.items(menu)) addValue(kind, item.props.get('name'), true);
    for (const menu of ['/ip/firewall/address-list', '/ipv6/firewall/address-list']) {
      for (const item of config.items(menu)) addValue('address-list', item.props.get('list'), true);
    }
    for (const wg of wireguardView(config).interfaces) {
      // The interface "defines" its public key; point at its name, never at the private key.
      if (wg.publicKey) add('public-key', wg.publicKey, wg.nameValue?.span ?? wg.item.span, true);
    }
    const defs = new Set(out.map((o) => `${o.span.start}:${o.span.end}`));
    // The kind an argument refers to depends only on (menu, command, argument name): looked up in
    // the schema once per combination, not once per argument (150,000 address-list entries).
    const kinds = new Map<string, NameKind | undefined>();
    const kindOf = (cmd: CommandRecord, argName: string): NameKind | undefined => {
      const key = `${cmd.menu}\0${cmd.command ?? ''}\0${argName}`;
      if (kinds.has(key)) return kinds.get(key);
      const verb = canonicalCommand(cmd);
      const kind = refKind(cmd.menu, (verb && resolveArgName(cmd.menu, verb, argName)) || argName);
      kinds.set(key, kind);
      return kind;
    };
    for (const cmd of config.commands) {
      for (const arg of cmd.args) {
        if (!arg.name || arg.value === undefined || !arg.valueSpan || arg.name.startsWith('!')) continue;
        const kind = kindOf(cmd, arg.name);
        if (!kind || !arg.value || /[$[(]/.test(arg.value)) continue;
        const span = nameSpan(text, arg.valueSpan);
        if (defs.has(`${span.start}:${span.end}`)) continue;
        add(kind, arg.value, arg.valueSpan, false);
      }
      scriptCalls(cmd, add);
    }
  } catch {
    // A half-built model (syntax errors) gives fewer names, never a failed request.
  }
  out.sort((a, b) => a.span.start - b.span.start);
  cache.set(config, out);
  return out;
}

export function occurrenceAt(config: RouterConfig, offset: number): Occurrence | undefined {
  return occurrences(config).find((o) => offset >= o.span.start && offset <= o.span.end);
}

/** Every name at the offset: a WireGuard interface's name also stands for its public key. */
export function occurrencesAt(config: RouterConfig, offset: number): Occurrence[] {
  return occurrences(config).filter((o) => offset >= o.span.start && offset <= o.span.end);
}

/** Every occurrence of the same name (definitions first) across the given configs. */
export function sameName(target: Occurrence, configs: readonly RouterConfig[]): Occurrence[] {
  const out: Occurrence[] = [];
  for (const c of configs) for (const o of occurrences(c)) if (o.kind === target.kind && o.name === target.name) out.push(o);
  return out.sort((a, b) => Number(b.definition) - Number(a.definition));
}
