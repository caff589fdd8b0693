/** Shared helpers for the model tests: parse + build, and spans of substrings. */
import { parse } from '@roslint/parser';
import { buildConfig, type BuildOptions, type CommandRecord, type Item, type RouterConfig } from '../src/model/index.js';

export function build(text: string, options: Partial<BuildOptions> = {}): RouterConfig {
  return buildConfig(parse(text, { file: 't.rsc' }), { file: 't.rsc', ...options }).config;
}

/** Span of the `nth` (0-based) occurrence of `needle` in `text`; fails loudly when absent. */
export function spanOf(text: string, needle: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurrence ${nth} not in text`);
  }
  return { start: at, end: at + needle.length };
}

/** Span of the whole line containing the `nth` occurrence of `needle` (without the line break). */
export function lineSpanOf(text: string, needle: string, nth = 0): { start: number; end: number } {
  const s = spanOf(text, needle, nth);
  const start = text.lastIndexOf('\n', s.start) + 1;
  let end = text.indexOf('\n', s.end);
  if (end < 0) end = text.length;
  if (text[end - 1] === '\r') end--;
  return { start, end };
}

/** Property texts of an item, as a plain object (for compact equality assertions). */
export function texts(item: Item | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!item) return out;
  for (const [k, v] of item.props) out[k] = v.text;
  return out;
}

export function menuTexts(config: RouterConfig, menu: string): Record<string, string>[] {
  return config.items(menu).map(texts);
}

/** An item as rules see it (not how the model stores it: a log-backed item reads from its record). */
export function itemView(item: Item) {
  return {
    id: item.id, menu: item.menu, span: item.span, touchedBy: item.touchedBy, uncertain: item.uncertain,
    implicit: item.implicit, removed: item.removed, props: [...item.props],
  };
}

/** The menus as rules see them. */
export function menusView(config: RouterConfig) {
  return [...config.menus.values()].map((m) => ({ path: m.path, items: m.items.map(itemView), removed: m.removed?.map(itemView) }));
}

/** A command record as its readers see it (`args` and `commandSpan` are built on access). */
export function commandView(c: CommandRecord) {
  return {
    menu: c.menu, menuSegments: c.menuSegments, menuKnown: c.menuKnown, command: c.command, commandSpan: c.commandSpan,
    args: c.args, argNames: c.argNames, argValues: c.argValues, span: c.span, uncertain: c.uncertain,
  };
}
