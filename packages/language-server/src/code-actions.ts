/**
 * Code actions for the diagnostics under the cursor: each rule's own fix, and three ways to
 * silence a rule that all use the linter's directive syntax:
 *   "disable <rule> for this line"  → `# roslint-disable-next-line <rule>` above the command
 *   "ignore <rule> for this item"   → `roslint-ignore: <rule>` in the item's RouterOS comment
 *   "disable <rule> for this file"  → `# roslint-disable-file <rule>` after the header comments
 */
import { argInfo } from '@roslint/schema';
import type { Diagnostic } from '@roslint/parser';
import { INTERNAL_ERROR, UNUSED_DIRECTIVE, type Item, type RouterConfig } from '@roslint/core';
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver';
import type { RuleDocs } from './rule-docs.js';
import { rangesOverlap, toLspDiagnostic, toLspRange } from './convert.js';
import { itemContaining, statementFirstLine } from './locate.js';

const UNSUPPRESSIBLE = new Set([INTERNAL_ERROR, UNUSED_DIRECTIVE]);

/** RouterOS double-quoted string body: `\`, `"` and `$` need a backslash. */
export function quoteRouterOs(text: string): string {
  return `"${text.replace(/[\\"$]/g, '\\$&')}"`;
}

/** A linted file: its document URI, diagnostics and model (the server's LintedFile, or the worker's own). */
export interface CodeActionFile {
  readonly uri: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly config: RouterConfig;
}

export function codeActions(linted: CodeActionFile, range: Range, docs: RuleDocs, only?: string[]): CodeAction[] {
  const { uri } = linted;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  const actions: CodeAction[] = [];
  const fileDisables = new Set<string>();
  for (const d of linted.diagnostics) {
    if (!rangesOverlap(toLspRange(d.range), range)) continue;
    const lsp = toLspDiagnostic(d, docs);
    const edit = (edits: TextEdit[]) => ({ changes: { [uri]: edits } });
    if (d.fix && wants(CodeActionKind.QuickFix)) {
      actions.push({
        title: d.fix.description || `Fix ${d.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        isPreferred: true,
        edit: edit(d.fix.edits.map((e) => ({ range: toLspRange(e.range), newText: e.text }))),
      });
    }
    if (UNSUPPRESSIBLE.has(d.ruleId) || !wants(CodeActionKind.QuickFix)) continue;
    actions.push({
      title: `Disable ${d.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [lsp],
      edit: edit([disableNextLineEdit(linted.config, d)]),
    });
    const ignore = ignoreForItemEdit(linted.config, d);
    if (ignore) {
      actions.push({ title: `Ignore ${d.ruleId} for this item (comment)`, kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: edit([ignore]) });
    }
    if (!fileDisables.has(d.ruleId)) {
      fileDisables.add(d.ruleId);
      actions.push({
        title: `Disable ${d.ruleId} for this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        edit: edit([disableFileEdit(linted.config, d.ruleId)]),
      });
    }
  }
  return actions;
}

const NEXT_LINE = /^(\s*)#\s*roslint-disable-next-line\s+([^\s-][^-]*?)\s*$/;
const FILE_DIRECTIVE = /^#\s*roslint-disable-file\s+([^\s-][^-]*?)\s*$/;

export function disableNextLineEdit(config: RouterConfig, d: Diagnostic): TextEdit {
  const source = config.source;
  const line = statementFirstLine(config, source, d.range.start.offset);
  const text = source.lineText(line);
  const indent = /^[ \t]*/.exec(text)![0];
  // Already a directive right above: add the rule to its list.
  if (line > 0) {
    const above = source.lineText(line - 1);
    const m = NEXT_LINE.exec(above);
    if (m && m[1] === indent) {
      const end = { line: line - 1, character: above.trimEnd().length };
      return { range: { start: end, end }, newText: `, ${d.ruleId}` };
    }
  }
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# roslint-disable-next-line ${d.ruleId}${source.eol}` };
}

function supportsComment(item: Item): boolean {
  return argInfo(item.menu, 'add', 'comment') !== undefined || argInfo(item.menu, 'set', 'comment') !== undefined;
}

export function ignoreForItemEdit(config: RouterConfig, d: Diagnostic): TextEdit | undefined {
  const item = itemContaining(config, d.range.start.offset, d.range.end.offset);
  if (!item || !supportsComment(item)) return undefined;
  const source = config.source;
  const comment = item.props.get('comment');
  if (comment) {
    if (comment.dynamic) return undefined;
    const list = /roslint-ignore:\s*[A-Za-z0-9_\-/]+(?:\s*,\s*[A-Za-z0-9_\-/]+)*/.exec(comment.text);
    const next = list
      ? comment.text.slice(0, list.index + list[0].length) + `,${d.ruleId}` + comment.text.slice(list.index + list[0].length)
      : `${comment.text}${comment.text ? ' ' : ''}roslint-ignore: ${d.ruleId}`;
    return { range: toLspRange(source.rangeOf(comment.span)), newText: quoteRouterOs(next) };
  }
  const end = source.positionAt(item.span.end);
  const at = { line: end.line, character: end.column };
  return { range: { start: at, end: at }, newText: ` comment=${quoteRouterOs(`roslint-ignore: ${d.ruleId}`)}` };
}

export function disableFileEdit(config: RouterConfig, ruleId: string): TextEdit {
  const source = config.source;
  let line = 0;
  for (; line < source.lineCount; line++) {
    const text = source.lineText(line);
    const m = FILE_DIRECTIVE.exec(text);
    if (m) {
      const end = { line, character: text.trimEnd().length };
      return { range: { start: end, end }, newText: `, ${ruleId}` };
    }
    if (!text.startsWith('#')) break;
  }
  // After the leading comments (an export's header must stay first).
  const at = { line, character: 0 };
  const atEnd = line >= source.lineCount;
  const newText = atEnd ? `${source.eol}# roslint-disable-file ${ruleId}${source.eol}` : `# roslint-disable-file ${ruleId}${source.eol}`;
  return { range: { start: atEnd ? { line: line - 1, character: source.lineText(line - 1).length } : at, end: atEnd ? { line: line - 1, character: source.lineText(line - 1).length } : at }, newText };
}
