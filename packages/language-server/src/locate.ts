/** Finding what sits at an offset: the evaluated command, the argument, the item. */
import type { CommandRecord, Item, RouterConfig } from '@roslint/core';
import type { Span, SourceText } from '@roslint/parser';
import { resolveCommandName } from '@roslint/schema';

export type ArgRecord = CommandRecord['args'][number];

export const within = (span: Span | undefined, offset: number): boolean =>
  span !== undefined && offset >= span.start && offset <= span.end;

/** The innermost evaluated command whose statement contains the offset. */
export function commandAt(config: RouterConfig, offset: number): CommandRecord | undefined {
  let best: CommandRecord | undefined;
  const cmds = config.commands;
  // Commands are in source order; binary search for the last one starting at or before the offset,
  // then walk back over enclosing statements (a nested command starts after its parent).
  let lo = 0;
  let hi = cmds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmds[mid]!.span.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1, seen = 0; i >= 0 && seen < 64; i--, seen++) {
    const c = cmds[i]!;
    if (offset >= c.span.start && offset <= c.span.end) {
      if (!best || c.span.start >= best.span.start) best = c;
      break;
    }
  }
  return best;
}

export function argAt(cmd: CommandRecord, offset: number): { arg: ArgRecord; part: 'name' | 'value' } | undefined {
  for (const arg of cmd.args) {
    if (within(arg.nameSpan, offset)) return { arg, part: 'name' };
    if (within(arg.valueSpan, offset)) return { arg, part: 'value' };
  }
  return undefined;
}

/** Every span of source that belongs to an item (what `roslint-ignore:` in its comment covers). */
export function itemSpans(item: Item): Span[] {
  const spans: Span[] = [item.span, ...item.touchedBy];
  for (const v of item.props.values()) spans.push(v.statementSpan, v.span, v.nameSpan);
  return spans;
}

/** The item whose statements wholly contain [start, end), smallest first. */
export function itemContaining(config: RouterConfig, start: number, end: number): Item | undefined {
  let best: { item: Item; size: number } | undefined;
  for (const menu of config.menus.values()) {
    for (const item of menu.items) {
      if (item.span.start > end && item.touchedBy.length === 0) continue;
      for (const s of itemSpans(item)) {
        if (start >= s.start && end <= s.end) {
          const size = s.end - s.start;
          if (!best || size < best.size) best = { item, size };
        }
      }
    }
  }
  return best?.item;
}

/** First line of the statement at `offset`, following `\` continuations back. */
export function statementFirstLine(config: RouterConfig, source: SourceText, offset: number): number {
  const cmd = commandAt(config, offset);
  if (cmd) return source.positionAt(cmd.span.start).line;
  let line = source.positionAt(offset).line;
  while (line > 0 && /\\\s*$/.test(source.lineText(line - 1))) line--;
  return line;
}

/** The item's display label: name, else comment, else menu position. Never a secret. */
export function itemLabel(item: Item, index: number): string {
  const name = item.props.get('name') ?? item.props.get('default-name');
  if (name && !name.dynamic && name.text) return name.text;
  const comment = item.props.get('comment');
  if (comment && !comment.dynamic && comment.text) return comment.text;
  const address = item.props.get('address') ?? item.props.get('dst-address') ?? item.props.get('chain');
  if (address && !address.dynamic && address.text) return `#${index} ${address.text}`;
  return `#${index}`;
}

/** The command's canonical verb (`pr` → `print`), as the schema names it. */
export function canonicalCommand(cmd: CommandRecord): string | undefined {
  if (!cmd.command) return undefined;
  return resolveCommandName(cmd.menu, cmd.command) ?? cmd.command;
}
