/**
 * Test doubles for the Linter unit tests: a line-based stand-in for the parser and a tiny model
 * builder, so the engine (rules, severities, suppressions, secrets) is tested on its own.
 *
 * fakeParse: `#` lines are comments; other non-blank lines are command statements, joined while
 * a line ends with `\`; `name=value` / `name="value"` become NamedArgs. A line containing
 * `SYNTAXERR` yields a `syntax/test` error diagnostic on that word.
 * fakeBuildConfig: every statement with `name=` is an item in `/test`; `set name=x …` touches
 * item x instead. `MODELDIAG` yields a `model/test` warning.
 */
// SourceText comes from its module file, not the package entry, because tests mock the entry.
import { SourceText } from '../../parser/src/source.js';
import type { Comment, CommandStatement, Diagnostic, NamedArg, ParseResult, Statement } from '@roslint/parser';
import type { BuildOptions, BuildResult } from '../src/model/evaluate.js';
import type { Item, Menu, PropertyValue, RouterConfig } from '../src/model/types.js';

export function fakeParse(input: string | Uint8Array | SourceText, options: { file?: string } = {}): ParseResult {
  const source = input instanceof SourceText ? input : typeof input === 'string' ? new SourceText(input) : SourceText.fromBytes(input);
  const text = source.text;
  const comments: Comment[] = [];
  const body: CommandStatement[] = [];
  const diagnostics: Diagnostic[] = [];
  let open: { start: number; end: number } | null = null;
  for (let line = 0; line < source.lineCount; line++) {
    const start = source.lineStarts[line]!;
    const lineText = source.lineText(line);
    const trimmed = lineText.trimStart();
    const end = start + lineText.length;
    if (!open && trimmed.startsWith('#')) {
      const hash = start + lineText.indexOf('#');
      comments.push({ kind: 'comment', start: hash, end, text: text.slice(hash + 1, end) });
      continue;
    }
    if (!open && trimmed === '') continue;
    open = open ? { start: open.start, end } : { start: start + (lineText.length - trimmed.length), end };
    if (!lineText.endsWith('\\')) {
      body.push(statement(text, open.start, open.end));
      open = null;
    }
  }
  if (open) body.push(statement(text, open.start, open.end));
  for (let i = text.indexOf('SYNTAXERR'); i >= 0; i = text.indexOf('SYNTAXERR', i + 1)) {
    diagnostics.push({ ruleId: 'syntax/test', severity: 'error', message: 'bad syntax', file: options.file ?? '', range: source.rangeOf({ start: i, end: i + 9 }) });
  }
  return { script: { kind: 'script', body, comments, start: 0, end: text.length }, source, diagnostics };
}

const ARG = /([a-z][a-z-]*)=("(?:[^"\\]|\\.)*"|[^\s"]*)/g;

function statement(text: string, start: number, end: number): CommandStatement {
  const args: NamedArg[] = [];
  const slice = text.slice(start, end);
  ARG.lastIndex = 0;
  for (let m = ARG.exec(slice); m !== null; m = ARG.exec(slice)) {
    const s = start + m.index;
    const vs = s + m[1]!.length + 1;
    const ve = vs + m[2]!.length;
    const raw = m[2]!;
    const value = raw.startsWith('"')
      ? { kind: 'string' as const, value: raw.slice(1, -1), parts: [], start: vs, end: ve }
      : { kind: 'word' as const, text: raw, start: vs, end: ve };
    args.push({ kind: 'named', name: m[1]!, nameSpan: { start: s, end: vs - 1 }, negated: false, value, start: s, end: ve });
  }
  return { kind: 'command', path: null, command: null, colon: false, callee: null, args, start, end };
}

export function fakeBuildConfig(parsed: ParseResult, options: BuildOptions): BuildResult {
  const menu: Menu = { path: '/test', items: [] };
  const menus = new Map<string, Menu>([['/test', menu]]);
  const byName = new Map<string, Item>();
  const text = parsed.source.text;
  for (const st of parsed.script.body) {
    if (st.kind !== 'command') continue;
    const props = new Map<string, PropertyValue>();
    for (const a of st.args) {
      if (a.kind !== 'named' || !a.value) continue;
      const raw = text.slice(a.value.start, a.value.end);
      props.set(a.name, {
        text: raw.replace(/^"|"$/g, ''),
        negated: false,
        dynamic: false,
        uncertain: false,
        span: { start: a.value.start, end: a.value.end },
        nameSpan: a.nameSpan,
        statementSpan: { start: st.start, end: st.end },
      });
    }
    const name = props.get('name')?.text;
    if (name === undefined) continue;
    const existing = byName.get(name);
    if (text.slice(st.start).startsWith('set') && existing) {
      existing.touchedBy.push({ start: st.start, end: st.end });
      continue;
    }
    const item: Item = { id: menu.items.length, menu: '/test', props, span: { start: st.start, end: st.end }, touchedBy: [], uncertain: false, implicit: false };
    menu.items.push(item);
    byName.set(name, item);
  }
  const config: RouterConfig = {
    file: options.file,
    source: parsed.source,
    comments: parsed.script.comments,
    isExport: false,
    showsSensitive: false,
    menus,
    commands: [],
    items: (m) => menus.get(m)?.items ?? [],
    singleton: (m) => menus.get(m)?.items[0],
  };
  const diagnostics: Diagnostic[] = [];
  const i = text.indexOf('MODELDIAG');
  if (i >= 0) diagnostics.push({ ruleId: 'model/test', severity: 'warning', message: 'model says no', file: options.file, range: parsed.source.rangeOf({ start: i, end: i + 9 }) });
  return { config, diagnostics };
}

/** The streaming builder's double: collects the statements, then builds with fakeBuildConfig. */
export class FakeConfigBuilder {
  private readonly body: Statement[] = [];
  constructor(
    private readonly source: SourceText,
    private readonly options: BuildOptions,
  ) {}
  statement(stmt: Statement): void {
    this.body.push(stmt);
  }
  finish(comments: Comment[]): BuildResult {
    const script = { kind: 'script' as const, body: this.body, comments, start: 0, end: this.source.text.length };
    return fakeBuildConfig({ script, source: this.source, diagnostics: [] }, this.options);
  }
}
