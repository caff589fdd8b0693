/**
 * Suppression directives, applied after every rule ran:
 *
 *   # roslint-disable-next-line rule-a, rule-b -- reason
 *   # roslint-disable rule-a        …   # roslint-enable rule-a
 *   # roslint-disable-file rule-a
 *   comment="… roslint-ignore: rule-a,rule-b …"   (an item's own RouterOS comment)
 *
 * An omitted rule list means every rule. A directive (or one rule of its list) that suppressed
 * nothing is reported as `roslint/unused-directive`.
 */
import type { Comment, Diagnostic, Script, SourceText, Span } from '@roslint/parser';
import { forEachNode, type AnyNode } from '@roslint/parser';
import { staticProp, type RouterConfig } from '../model/types.js';

export const UNUSED_DIRECTIVE = 'roslint/unused-directive';
export const INTERNAL_ERROR = 'roslint/internal-error';

/** Diagnostics about the lint itself are never suppressed. */
const UNSUPPRESSIBLE = new Set([UNUSED_DIRECTIVE, INTERNAL_ERROR]);

type DirectiveKind = 'disable-next-line' | 'disable-file' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  /** null = every rule. */
  rules: string[] | null;
  comment: Comment;
}

const DIRECTIVE = /^\s*roslint-(disable-next-line|disable-file|disable|enable)(?=\s|$)(.*)$/s;

export function parseDirective(comment: Comment): Directive | null {
  const m = DIRECTIVE.exec(comment.text);
  if (!m) return null;
  let rest = m[2]!;
  // `-- reason` ends the rule list.
  const reason = /(?:^|\s)--(?:\s|$)/.exec(rest);
  if (reason) rest = rest.slice(0, reason.index);
  const rules = rest.split(/[\s,]+/).filter((r) => r.length > 0);
  return { kind: m[1] as DirectiveKind, rules: rules.length > 0 ? rules : null, comment };
}

const IGNORE = /roslint-ignore:\s*([A-Za-z0-9_\-/]+(?:\s*,\s*[A-Za-z0-9_\-/]+)*)/g;

/** Rule ids named by `roslint-ignore:` in a RouterOS item comment. */
export function parseIgnoreComment(text: string): string[] {
  const out: string[] = [];
  IGNORE.lastIndex = 0;
  for (let m = IGNORE.exec(text); m !== null; m = IGNORE.exec(text)) {
    for (const r of m[1]!.split(',')) if (r.trim()) out.push(r.trim());
  }
  return out;
}

const IGNORE_IN_LABEL = new RegExp(`\\s*(?:[-–—;,|:]+\\s*)?${IGNORE.source}\\s*[-–—;,|]*`, 'g');

/**
 * An item comment as a label for messages: `roslint-ignore: …` directives removed (with the
 * separators around them), whitespace collapsed; undefined when nothing else is left.
 */
export function commentLabel(text: string): string | undefined {
  if (!text.includes('roslint-ignore:')) return text === '' ? undefined : text;
  const out = text.replace(IGNORE_IN_LABEL, ' ').replace(/\s+/g, ' ').replace(/^[\s\-–—;,|:]+|[\s\-–—;,|:]+$/g, '');
  return out === '' ? undefined : out;
}

/** One rule (or `*`) of one directive; tracks whether it suppressed anything. */
interface UsageKey {
  rule: string;
  span: Span;
  label: string;
  used: boolean;
}

interface Region {
  key: UsageKey;
  start: number;
  end: number;
  /** `*` regions reopened by `roslint-enable <rule>` exclude those rules. */
  except?: Set<string>;
  /** `start`: the diagnostic starts inside; `contain`: the diagnostic lies wholly inside. */
  mode: 'start' | 'contain';
}

function matches(region: Region, d: Diagnostic): boolean {
  const { rule } = region.key;
  if (rule === '*' ? region.except?.has(d.ruleId) === true : rule !== d.ruleId) return false;
  const s = d.range.start.offset;
  if (region.mode === 'start') return s >= region.start && s < region.end;
  return s >= region.start && d.range.end.offset <= region.end;
}

/** Spans of every statement at any depth, sorted by start. */
function statementSpans(script: Script): Span[] {
  const out: Span[] = [];
  forEachNode(script, (n) => {
    if (STATEMENT_KINDS.has(n.kind) && typeof n.start === 'number' && typeof n.end === 'number') out.push({ start: n.start, end: n.end });
  });
  return out.sort((a, b) => a.start - b.start);
}

/**
 * A node visitor (for `forEachNode`) collecting statement offsets into `out`, flat
 * (`[start, end, …]`), for callers that stream statements.
 */
export function statementSpanVisitor(out: number[]): (n: AnyNode) => void {
  return (n) => {
    if (STATEMENT_KINDS.has(n.kind) && typeof n.start === 'number' && typeof n.end === 'number') out.push(n.start, n.end);
  };
}

const STATEMENT_KINDS = new Set(['command', 'pathBlock', 'blockStatement', 'error']);

function lineStartOffset(source: SourceText, line: number): number {
  const starts = source.lineStarts;
  return line < starts.length ? starts[line]! : source.text.length;
}

/**
 * The lines [first, last] of the command after a `disable-next-line` comment: the first statement
 * that starts after the comment (a continued command counts as a whole). Without a parsed
 * statement (e.g. the parser gave up) the next non-blank, non-comment line, followed through
 * trailing-backslash continuations.
 */
function nextCommandLines(comment: Comment, source: SourceText, statements: readonly Span[]): [number, number] | null {
  const commentLine = source.positionAt(comment.start).line;
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (statements[mid]!.start < comment.end) lo = mid + 1;
    else hi = mid;
  }
  const next = statements[lo];
  if (next) {
    const first = source.positionAt(next.start).line;
    const last = source.positionAt(Math.max(next.start, next.end - 1)).line;
    if (first > commentLine) return [first, Math.max(first, last)];
  }
  for (let line = commentLine + 1; line < source.lineCount; line++) {
    const t = source.lineText(line).trim();
    if (t === '' || t.startsWith('#')) continue;
    let last = line;
    while (last + 1 < source.lineCount && /\\$/.test(source.lineText(last))) last++;
    return [line, last];
  }
  return null;
}

export interface SuppressionResult {
  diagnostics: Diagnostic[];
  /** `roslint/unused-directive` findings (severity `info` before configuration). */
  unused: Diagnostic[];
}

export interface SuppressionInput {
  config: RouterConfig;
  script: Script;
  /**
   * Spans of every statement at any depth, when the caller collected them while streaming (its
   * `script.body` is then empty); else they are read from `script` when a directive needs them.
   */
  statements?: () => readonly Span[];
  diagnostics: readonly Diagnostic[];
  /** Rules switched off by configuration: a directive naming them is not "unused". */
  isOff: (ruleId: string) => boolean;
}

export function applySuppressions(input: SuppressionInput): SuppressionResult {
  const { config, script } = input;
  const source = config.source;
  const regions: Region[] = [];
  const keys: UsageKey[] = [];
  const unused: Diagnostic[] = [];
  const makeKey = (rule: string, span: Span, label: string): UsageKey => {
    const key = { rule, span, label, used: false };
    keys.push(key);
    return key;
  };

  let statements: readonly Span[] | null = null;
  // Open `roslint-disable` regions, in the order they were opened.
  const open: Region[] = [];

  for (const comment of config.comments) {
    const d = parseDirective(comment);
    if (!d) continue;
    const rules = d.rules ?? ['*'];
    const label = `roslint-${d.kind}`;
    const span = { start: comment.start, end: comment.end };
    switch (d.kind) {
      case 'disable-file':
        for (const r of rules) regions.push({ key: makeKey(r, span, label), start: 0, end: Infinity, mode: 'start' });
        break;
      case 'disable-next-line': {
        statements ??= input.statements ? [...input.statements()].sort((a, b) => a.start - b.start) : statementSpans(script);
        const lines = nextCommandLines(comment, source, statements);
        // No command after the comment: an empty region, reported as unused.
        const start = lines ? lineStartOffset(source, lines[0]) : 0;
        const end = !lines ? 0 : lines[1] + 1 < source.lineCount ? lineStartOffset(source, lines[1] + 1) : Infinity;
        for (const r of rules) regions.push({ key: makeKey(r, span, label), start, end, mode: 'start' });
        break;
      }
      case 'disable':
        for (const r of rules) {
          const region: Region = { key: makeKey(r, span, label), start: comment.end, end: Infinity, mode: 'start' };
          regions.push(region);
          open.push(region);
        }
        break;
      case 'enable': {
        let closed = false;
        for (let i = open.length - 1; i >= 0; i--) {
          const region = open[i]!;
          if (d.rules === null || d.rules.includes(region.key.rule)) {
            region.end = comment.start;
            open.splice(i, 1);
            closed = true;
          } else if (region.key.rule === '*') {
            // `disable` (all) then `enable x`: everything but x stays disabled from here on.
            region.end = comment.start;
            open.splice(i, 1);
            const except = new Set(region.except ?? []);
            for (const r of d.rules) except.add(r);
            const reopened: Region = { key: region.key, start: comment.end, end: Infinity, except, mode: 'start' };
            regions.push(reopened);
            open.push(reopened);
            closed = true;
          }
        }
        if (!closed) {
          unused.push(directiveDiagnostic(config, span, 'roslint-enable directive has no matching roslint-disable.'));
        }
        break;
      }
    }
  }

  // An item's own comment: `comment="… roslint-ignore: rule-a,rule-b"`.
  for (const menu of config.menus.values()) {
    for (const item of menu.items) {
      // staticProp first: it answers without building a value, and few comments carry a directive.
      const text = staticProp(item, 'comment');
      if (text === undefined || !text.includes('roslint-ignore')) continue;
      const comment = item.props.get('comment')!;
      const rules = parseIgnoreComment(comment.text);
      if (rules.length === 0) continue;
      const spans: Span[] = [item.span, ...item.touchedBy];
      for (const v of item.props.values()) spans.push(v.statementSpan, v.span, v.nameSpan);
      for (const r of rules) {
        const key = makeKey(r, comment.span, 'roslint-ignore');
        for (const s of spans) regions.push({ key, start: s.start, end: s.end, mode: 'contain' });
      }
    }
  }

  if (regions.length === 0) return { diagnostics: [...input.diagnostics], unused };

  const kept: Diagnostic[] = [];
  for (const diag of input.diagnostics) {
    if (UNSUPPRESSIBLE.has(diag.ruleId)) {
      kept.push(diag);
      continue;
    }
    let suppressed = false;
    for (const region of regions) {
      if (matches(region, diag)) {
        region.key.used = true;
        suppressed = true;
      }
    }
    if (!suppressed) kept.push(diag);
  }

  for (const key of keys) {
    if (key.used) continue;
    if (key.rule !== '*' && input.isOff(key.rule)) continue;
    const what = key.rule === '*' ? 'no problems were' : `no "${key.rule}" problems were`;
    unused.push(directiveDiagnostic(config, key.span, `Unused ${key.label} directive (${what} reported here).`));
  }
  return { diagnostics: kept, unused };
}

function directiveDiagnostic(config: RouterConfig, span: Span, message: string): Diagnostic {
  return { ruleId: UNUSED_DIRECTIVE, severity: 'info', message, file: config.file, range: config.source.rangeOf(span) };
}
