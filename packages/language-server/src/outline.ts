/** Document symbols (menus → items) and folding ranges (menu sections, blocks, continued lines). */
import type { RouterConfig } from '@roslint/core';
import type { SourceText } from '@roslint/parser';
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import { spanToRange } from './convert.js';
import { itemLabel } from './locate.js';

/** An outline of 100 000 address-list entries helps nobody and costs megabytes per request. */
const MAX_ITEMS_PER_MENU = 2000;

export function documentSymbols(config: RouterConfig): DocumentSymbol[] {
  const source = config.source;
  const out: { start: number; symbol: DocumentSymbol }[] = [];
  for (const menu of config.menus.values()) {
    const items = menu.items.filter((i) => i.span.end > i.span.start);
    if (items.length === 0) continue;
    // A loop, not Math.min(...spread): a large export has 100 000+ items in one menu.
    let start = Infinity;
    let end = 0;
    for (const i of items) {
      if (i.span.start < start) start = i.span.start;
      if (i.span.end > end) end = i.span.end;
    }
    const shown = items.length > MAX_ITEMS_PER_MENU ? items.slice(0, MAX_ITEMS_PER_MENU) : items;
    const children: DocumentSymbol[] = shown.map((item, index) => {
      const range = spanToRange(source, item.span);
      const nameValue = item.props.get('name') ?? item.props.get('default-name');
      const selection = nameValue && nameValue.span.start >= item.span.start && nameValue.span.end <= item.span.end ? spanToRange(source, nameValue.span) : range;
      return {
        name: itemLabel(item, index) || `#${index}`,
        detail: item.implicit ? 'built-in' : undefined,
        kind: menu.path.startsWith('/interface') && !menu.path.includes('/peers') && !menu.path.endsWith('/member') ? SymbolKind.Interface : SymbolKind.Object,
        range,
        selectionRange: selection,
      };
    });
    const range = spanToRange(source, { start, end });
    if (shown.length < items.length) {
      const rest = spanToRange(source, items[shown.length]!.span);
      children.push({ name: `… ${items.length - shown.length} more`, kind: SymbolKind.Object, range: rest, selectionRange: rest });
    }
    out.push({ start, symbol: { name: menu.path, kind: SymbolKind.Namespace, range, selectionRange: spanToRange(source, { start, end: start }), children } });
  }
  return out.sort((a, b) => a.start - b.start).map((s) => s.symbol);
}

const MAX_RANGES = 5000;

export function foldingRanges(source: SourceText): FoldingRange[] {
  const out: FoldingRange[] = [];
  const n = source.lineCount;
  let section = -1;
  let commentStart = -1;
  let continued = -1;
  const closeSection = (endLine: number) => {
    let last = endLine;
    while (last > section && source.lineText(last).trim() === '') last--;
    if (section >= 0 && last > section) out.push({ startLine: section, endLine: last });
  };
  for (let line = 0; line < n && out.length < MAX_RANGES; line++) {
    const text = source.lineText(line);
    const isComment = /^\s*#/.test(text);
    if (isComment && commentStart < 0) commentStart = line;
    if (!isComment && commentStart >= 0) {
      if (line - 1 > commentStart) out.push({ startLine: commentStart, endLine: line - 1, kind: FoldingRangeKind.Comment });
      commentStart = -1;
    }
    const inContinuation = continued >= 0;
    if (!inContinuation && text.startsWith('/')) {
      closeSection(line - 1);
      section = line;
    }
    if (/\\$/.test(text)) {
      if (continued < 0) continued = line;
    } else if (continued >= 0) {
      out.push({ startLine: continued, endLine: line });
      continued = -1;
    }
  }
  closeSection(n - 1);
  if (commentStart >= 0 && n - 1 > commentStart) out.push({ startLine: commentStart, endLine: n - 1, kind: FoldingRangeKind.Comment });
  out.push(...braceRanges(source));
  return out.slice(0, MAX_RANGES);
}

/** `{ … }` blocks spanning lines; quotes and comments are skipped so braces inside them do not count. */
function braceRanges(source: SourceText): FoldingRange[] {
  const t = source.text;
  const out: FoldingRange[] = [];
  const stack: number[] = [];
  let inString = false;
  let atLineStart = true;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '\n' || c === '\r') {
      atLineStart = true;
      continue;
    }
    if (atLineStart && c === '#') {
      while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
      i--;
      continue;
    }
    if (c !== ' ' && c !== '\t') atLineStart = false;
    if (c === '"') inString = true;
    else if (c === '{') stack.push(i);
    else if (c === '}' && stack.length > 0) {
      const open = source.positionAt(stack.pop()!).line;
      const close = source.positionAt(i);
      const closeFirst = source.lineText(close.line).trimStart().startsWith('}');
      const end = closeFirst ? close.line - 1 : close.line;
      if (end > open) out.push({ startLine: open, endLine: end });
      if (out.length >= MAX_RANGES) break;
    }
  }
  return out;
}
