/**
 * Test helper: a RouterConfig from simple one-line `/menu/add k=v …` commands, with exact value
 * spans, so analyses and rules can be unit-tested without the parser/evaluator. Supports quoted
 * values, `set <name> …` by name (interfaces/peers) and `disabled=yes`; nothing else.
 * `runRule` runs one rule on such a config (used by the rules/wireguard unit tests; kept here,
 * outside the rules package's build, because it is test-only).
 */
import { SourceText } from '@roslint/parser';
import type { Item, Menu, PropertyValue, RouterConfig, CommandRecord } from '../src/model/types.js';
import type { ReportDescriptor, RouterRule, Analysis } from '../src/rule.js';

export function fakeConfig(text: string, opts: { isExport?: boolean } = {}): RouterConfig {
  const menus = new Map<string, Menu>();
  const commands: CommandRecord[] = [];
  let id = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const m = /^(\/[\w/-]+)\/(add|set)\b(.*)$/.exec(line);
    if (!m) continue;
    const menu = m[1]!;
    const statementSpan = { start: lineStart, end: lineStart + line.length };
    const props = new Map<string, PropertyValue>();
    const args: CommandRecord['args'] = [];
    const re = /([\w-]+)=("(?:[^"\\]|\\.)*"|\S*)|(\S+)/g;
    const rest = m[3]!;
    const restStart = lineStart + m[1]!.length + 1 + m[2]!.length;
    let target: string | undefined;
    for (let a; (a = re.exec(rest)); ) {
      if (a[3] !== undefined) { target = a[3]; continue; }
      const name = a[1]!;
      const raw = a[2]!;
      const nameStart = restStart + a.index;
      const valueStart = nameStart + name.length + 1;
      const value: PropertyValue = {
        text: raw.startsWith('"') ? raw.slice(1, -1) : raw,
        negated: false,
        dynamic: raw.startsWith('$'),
        uncertain: false,
        span: { start: valueStart, end: valueStart + raw.length },
        nameSpan: { start: nameStart, end: nameStart + name.length },
        statementSpan,
      };
      props.set(name, value);
      args.push({ name, value: value.text, nameSpan: value.nameSpan, valueSpan: value.span, span: { start: nameStart, end: value.span.end } });
    }
    commands.push({ menu, menuSegments: menu.slice(1).split('/'), menuKnown: true, command: m[2]!, args, argNames: args.map((a) => a.name), argValues: args.map((a) => a.value), span: statementSpan, uncertain: false });
    let mm = menus.get(menu);
    if (!mm) menus.set(menu, (mm = { path: menu, items: [] }));
    if (m[2] === 'set') {
      const item = mm.items.find((i) => i.props.get('name')?.text === target);
      if (item) {
        for (const [k, v] of props) item.props.set(k, v);
        item.touchedBy.push(statementSpan);
      }
      continue;
    }
    const item: Item = { id: id++, menu, props, span: statementSpan, touchedBy: [], uncertain: false, implicit: false };
    mm.items.push(item);
  }
  return {
    file: 'test.rsc',
    source: new SourceText(text),
    comments: [],
    isExport: opts.isExport ?? false,
    showsSensitive: /private-key=/.test(text),
    menus,
    commands,
    items: (p) => menus.get(p)?.items ?? [],
    singleton: (p) => menus.get(p)?.items[0],
  };
}

export interface Seen extends ReportDescriptor {
  /** The text under the report's span. */
  at: string;
  relatedAt: string[];
  /** The text after applying the report's fix, if it has one. */
  fixed: string | undefined;
}

export function runRule(rule: RouterRule, text: string, opts: { isExport?: boolean } = {}): Seen[] {
  const config: RouterConfig = fakeConfig(text, opts);
  const cache = new Map<Analysis<unknown>, unknown>();
  const seen: Seen[] = [];
  rule.check({
    config,
    options: undefined,
    use: <T>(a: Analysis<T>): T => {
      if (!cache.has(a)) cache.set(a, a(config));
      return cache.get(a) as T;
    },
    report: (d) =>
      seen.push({
        ...d,
        at: text.slice(d.span.start, d.span.end),
        relatedAt: (d.related ?? []).map((r) => text.slice(r.span.start, r.span.end)),
        fixed: d.fix ? d.fix.edits.reduceRight((t, e) => t.slice(0, e.span.start) + e.text + t.slice(e.span.end), text) : undefined,
      }),
  });
  return seen;
}

/** Real X25519 pairs (generated with @noble/curves for these tests; used nowhere else). */
export const KEYS = {
  a: { priv: 'mhLPPxpMGz0EqUJb2IiZjat7pakbjilICf3t4FWOHgg=', pub: 'DmzzCiUZ2U+RPJVK7S6vSYQnXXgtSDenIgaM5hDhUzM=' },
  b: { priv: 'aF4i4NS+68+njPyDA2NYm19w4m7FuappNCYSB0TYVbE=', pub: 'Mv2Zam5MCilJE/1oTYBJ/XG4+a92SbsCRr5dAb7LMCQ=' },
  c: { priv: 'q2MB2Dl4oPXVf/JBF2MTRZnfFr5kV+sas6ZyqVIjgWU=', pub: 'QuhH5vvfvgBhGJW+BWWVZPU1PkSKlhVbRQ5v1+URfV4=' },
};

export const WG = '/interface/wireguard/add';
export const PEER = '/interface/wireguard/peers/add';
