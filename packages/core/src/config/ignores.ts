/**
 * `ignores`: accepted findings, kept out of the output. An entry names a rule and optionally the
 * item the finding is about — by `name`, `comment`, `public-key` or `interface` — rather than a
 * line number, so it survives `/export`, which regenerates the file (and drops `# comments`).
 */
import type { Diagnostic } from '@roslint/parser';
import type { Item, RouterConfig } from '../model/types.js';
import type { IgnoreEntry } from './load.js';

const SELECTORS = ['name', 'comment', 'public-key', 'interface'] as const;

/** The items whose statements (the `add`, later `set`s) contain `offset`. */
function itemsAt(config: RouterConfig, offset: number): Item[] {
  const out: Item[] = [];
  const inside = (s: { start: number; end: number }) => offset >= s.start && offset < s.end;
  for (const menu of config.menus.values()) {
    for (const item of menu.items) {
      if (inside(item.span) || item.touchedBy.some(inside)) out.push(item);
      else for (const v of item.props.values()) if (inside(v.statementSpan)) { out.push(item); break; }
    }
  }
  return out;
}

function selectorValue(item: Item, key: (typeof SELECTORS)[number]): string | undefined {
  if (key === 'interface') {
    // An interface item is selected by its own name; a peer, address or route by its interface.
    const own = item.menu.startsWith('/interface') && !item.menu.endsWith('/peers') ? item.props.get('name') : undefined;
    return own?.text ?? item.props.get('interface')?.text;
  }
  return item.props.get(key)?.text;
}

function entryMatches(entry: IgnoreEntry, d: Diagnostic, config: RouterConfig): boolean {
  if (entry.rule !== d.ruleId) return false;
  const keys = SELECTORS.filter((k) => entry[k] !== undefined);
  if (keys.length === 0) return true;
  return itemsAt(config, d.range.start.offset).some((item) => keys.every((k) => selectorValue(item, k) === entry[k]));
}

/** The diagnostics of one file that no entry accepts (entries must already apply to this file). */
export function applyIgnores(diagnostics: readonly Diagnostic[], config: RouterConfig, ignores: readonly IgnoreEntry[]): Diagnostic[] {
  if (ignores.length === 0) return [...diagnostics];
  return diagnostics.filter((d) => !ignores.some((e) => entryMatches(e, d, config)));
}
