/**
 * Hover: what the thing under the cursor means.
 * - a property name or value: its value kind, known values and the RouterOS versions that have it;
 * - a private key: the public key derived from it (the private key itself is never shown);
 * - a name (interface, list, table, script): where it is defined and what it holds;
 * - a peer's public key: the router and interface it pairs with.
 */
import { argInfo, commandInfo, describeVersions, existsIn, menuInfo, resolveArgName, resolveVersion, type ValueKind } from '@roslint/schema';
import { addressIndex, derivePublicKey, interfaceIndex, wireguardView, checkKeyText, type RouterConfig } from '@roslint/core';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver';
import { spanToRange } from './convert.js';
import { argAt, canonicalCommand, commandAt, within } from './locate.js';
import { KIND_LABEL, occurrenceAt, sameName, type Occurrence } from './names.js';

const SECRET_ARGS = new Set(['private-key', 'preshared-key']);

export function where(o: { config: RouterConfig; span: { start: number } }, from: RouterConfig): string {
  const line = o.config.source.positionAt(o.span.start).line + 1;
  return o.config === from ? `line ${line}` : `${path.basename(o.config.file)}:${line}`;
}

export function describeKind(k: ValueKind | undefined): string | undefined {
  if (!k) return undefined;
  const names: Record<ValueKind['kind'], string> = {
    string: 'text', 'hex-string': 'hex string', time: 'time interval', number: 'number', 'enum-list': 'one of a list',
    'yes-no': 'yes | no', script: 'script', ip: 'IPv4 address', 'ip-prefix': 'IPv4 prefix', 'ip6-prefix': 'IPv6 prefix',
    'ip-range': 'IP range', mac: 'MAC address',
  };
  let s = names[k.kind] ?? k.kind;
  if (k.min !== undefined || k.max !== undefined) s += ` ${k.min ?? ''}..${k.max ?? ''}`;
  if (k.minLength !== undefined || k.maxLength !== undefined) s += ` (length ${k.minLength ?? 0}..${k.maxLength ?? '∞'})`;
  if (k.special?.length) s += ` or ${k.special.map((w) => `\`${w}\``).join(', ')}`;
  return s;
}

function fileVersion(config: RouterConfig, override?: string): string | undefined {
  const text = override ?? config.version?.text;
  return text ? resolveVersion(text) : undefined;
}

function propertyHover(config: RouterConfig, menu: string, command: string, written: string, override?: string): string | undefined {
  const arg = resolveArgName(menu, command, written) ?? written;
  const info = argInfo(menu, command, arg) ?? (command !== 'add' ? argInfo(menu, 'add', arg) : undefined);
  if (!info) return undefined;
  const lines = [`**${arg}** — \`${menu} ${info.command}\``, ''];
  const kind = describeKind(info.kind);
  if (kind) lines.push(`Value: ${kind}`, '');
  if (info.values?.length) {
    const shown = info.values.slice(0, 24).map((v) => `\`${v}\``).join(', ');
    lines.push(`${info.closed ? 'Values' : 'Suggested values'}: ${shown}${info.values.length > 24 ? ', …' : ''}`, '');
  }
  lines.push(`RouterOS: ${describeVersions(info.versions)}`);
  const version = fileVersion(config, override);
  if (version && existsIn(version, menu, info.command, arg) === false) lines.push('', `⚠ not in RouterOS ${version} (this file's version)`);
  return lines.join('\n');
}

function secretHover(arg: string, value: string | undefined): string {
  if (arg === 'preshared-key') return '**preshared-key** — secret; roslint never shows its value.';
  if (value === undefined || value === '' || value === 'auto') return '**private-key** — secret; roslint never shows its value.';
  const check = checkKeyText(value);
  if (!check.ok) return `**private-key** — not a valid WireGuard key (${check.reason}).`;
  const pub = derivePublicKey(value);
  return pub
    ? `**private-key** — secret, not shown.\n\nDerived public key: \`${pub}\`\n\n(peers on other routers use this as their \`public-key\`)`
    : '**private-key** — secret, not shown; no public key can be derived from it.';
}

function nameHover(o: Occurrence, configs: readonly RouterConfig[]): string {
  const all = sameName(o, configs);
  const defs = all.filter((x) => x.definition);
  const uses = all.length - defs.length;
  if (o.kind === 'public-key') return publicKeyHover(o, defs);
  const lines = [`**${KIND_LABEL[o.kind]} \`${o.name}\`**`, ''];
  if (defs.length === 0) lines.push('Not defined in the workspace files (built in, or defined elsewhere).');
  for (const d of defs.slice(0, 5)) {
    let line = `Defined at ${where(d, o.config)}`;
    if (o.kind === 'interface') {
      const info = interfaceIndex(d.config).byName.get(o.name);
      if (info) line += ` (${info.kind}${info.disabled ? ', disabled' : ''})`;
      const addrs = addressIndex(d.config).byInterface.get(o.name) ?? [];
      const texts = addrs.map((a) => a.item.props.get('address')?.text).filter((t): t is string => !!t);
      line += texts.length ? ` — addresses: ${texts.map((t) => `\`${t}\``).join(', ')}` : ' — no addresses';
    }
    lines.push(`- ${line}`);
  }
  if (o.kind === 'interface-list') {
    const members = o.config.items('/interface/list/member').filter((m) => m.props.get('list')?.text === o.name);
    const names = members.map((m) => m.props.get('interface')?.text).filter((t): t is string => !!t);
    lines.push('', names.length ? `Members: ${names.map((n) => `\`${n}\``).join(', ')}` : 'No members in this file.');
  }
  if (o.kind === 'address-list') lines.push('', `${defs.length} entr${defs.length === 1 ? 'y' : 'ies'}`);
  lines.push('', `${uses} use${uses === 1 ? '' : 's'}`);
  return lines.join('\n');
}

function publicKeyHover(o: Occurrence, defs: Occurrence[]): string {
  if (o.definition) return '';
  const lines = ['**WireGuard peer public key**', ''];
  const own = wireguardView(o.config).peers.find((p) => p.publicKeyValue && within(p.publicKeyValue.span, o.span.start));
  if (own) lines.push(`Peer ${own.label} on \`${own.interfaceName ?? '?'}\``, '');
  if (defs.length === 0) lines.push('No interface in the workspace has the matching private key.');
  for (const d of defs) {
    const wg = wireguardView(d.config).interfaces.find((i) => i.publicKey === o.name);
    lines.push(`- Pairs with interface \`${wg?.name ?? '?'}\` on ${d.config === o.config ? 'this router' : `\`${path.basename(d.config.file)}\``} (${where(d, o.config)})`);
  }
  return lines.join('\n');
}

export function hoverAt(config: RouterConfig, offset: number, group: readonly RouterConfig[], versionOverride?: string): Hover | null {
  const cmd = commandAt(config, offset);
  const hit = cmd ? argAt(cmd, offset) : undefined;
  const verb = cmd ? canonicalCommand(cmd) : undefined;
  if (cmd && hit && hit.arg.name) {
    const name = (verb && resolveArgName(cmd.menu, verb, hit.arg.name)) || hit.arg.name;
    if (hit.part === 'value' && SECRET_ARGS.has(name)) {
      return { contents: { kind: 'markdown', value: secretHover(name, hit.arg.value) }, range: spanToRange(config.source, hit.arg.valueSpan!) };
    }
  }
  const occ = occurrenceAt(config, offset);
  if (occ) {
    const value = nameHover(occ, group);
    if (value) return { contents: { kind: 'markdown', value }, range: spanToRange(config.source, occ.span) };
  }
  if (!cmd) return null;
  if (hit && hit.arg.name && verb) {
    const value = propertyHover(config, cmd.menu, verb, hit.arg.name.replace(/^!/, ''), versionOverride);
    const span = hit.part === 'name' ? hit.arg.nameSpan! : hit.arg.valueSpan!;
    if (value) return { contents: { kind: 'markdown', value }, range: spanToRange(config.source, span) };
    return null;
  }
  if (verb && within(cmd.commandSpan, offset)) {
    const info = commandInfo(cmd.menu, verb);
    if (!info) return null;
    const value = `**${cmd.menu} ${info.command}**\n\nRouterOS: ${describeVersions(info.versions)}\n\nArguments: ${info.args.length}`;
    return { contents: { kind: 'markdown', value }, range: spanToRange(config.source, cmd.commandSpan!) };
  }
  if (cmd.commandSpan ? offset < cmd.commandSpan.start : !hit) {
    const info = menuInfo(cmd.menu);
    if (!info) return null;
    const parts = [`**${cmd.menu}**`, '', `RouterOS: ${describeVersions(info.versions)}`];
    if (info.commands.length) parts.push('', `Commands: ${info.commands.slice(0, 20).join(', ')}`);
    if (info.menus.length) parts.push('', `Menus: ${info.menus.slice(0, 20).join(', ')}`);
    return { contents: { kind: 'markdown', value: parts.join('\n') } };
  }
  return null;
}
