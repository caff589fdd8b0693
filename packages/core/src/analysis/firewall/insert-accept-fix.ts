/**
 * The fix of `firewall/wireguard-input-blocked`: a new accept line inserted right before the rule
 * that drops the handshake, written the way that statement is written (`add …` under a
 * `/ip firewall filter` path line, or with its own path prefix like `/ip/firewall/filter/add …`),
 * indented like it, with the file's line ending.
 *
 * Offered only when inserting text reproduces the intended order: the dropping rule was created by
 * its own `add` (not a built-in) and nothing in that menu is reordered (`place-before`, `move`).
 */
import type { ReportFix } from '../../rule.js';
import type { RouterConfig } from '../../model/types.js';
import { FILTER_MENUS, type FilterRule } from './filter-rules.js';

function reorders(config: RouterConfig, menu: string): boolean {
  return config.commands.some(
    (c) => c.menu === menu && (c.command === 'move' || (c.command === 'add' && c.argNames.includes('place-before'))),
  );
}

export function insertAcceptFix(config: RouterConfig, before: FilterRule, port: number): ReportFix | undefined {
  const menu = FILTER_MENUS[before.family];
  if (before.item.implicit || before.item.uncertain || before.item.touchedBy.length > 0 || reorders(config, menu)) return undefined;
  const record = config.commands.find((c) => c.span.start === before.span.start && c.command === 'add');
  if (!record?.commandSpan) return undefined;
  const text = config.source.text;
  const start = record.span.start;
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  const indent = text.slice(lineStart, start);
  if (!/^[ \t]*$/.test(indent)) return undefined; // shares its line with another statement
  // `add`, `/ip firewall filter add`, `/ip/firewall/filter/add`: keep the same prefix.
  const prefix = text.slice(start, record.commandSpan.start);
  if (prefix.includes('\n') || prefix.includes('\r') || prefix.includes('[')) return undefined;
  const line = `${prefix}add action=accept chain=input dst-port=${port} protocol=udp comment="allow WireGuard"`;
  return {
    description: `Insert an accept rule for udp/${port} before the dropping rule`,
    edits: [{ span: { start, end: start }, text: `${line}${config.source.eol}${indent}` }],
  };
}
