/**
 * SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif) and other SARIF
 * viewers. `tool.driver.rules` describes every rule that has results (parser/model ids included),
 * each result points at its rule by `ruleId` + `ruleIndex`, locations are repo-relative URIs under
 * `%SRCROOT%`, and `partialFingerprints` hash the rule, the flagged text and its line's text (not
 * line numbers), so a finding keeps its identity when unrelated lines are added above it.
 * No source text is included, so secrets cannot leak (the fingerprint hashes redacted text).
 */
import { createHash } from 'node:crypto';
import type { Diagnostic, Range } from '@roslint/parser';
import { redact, type LintResult, type RuleMeta } from '@roslint/core';
import { docDescription, homepage, readRuleDoc, ruleHelpUri } from '../rule-docs.js';
import { repoRelative } from './paths.js';
import type { Formatter } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** Descriptions of the diagnostics that come from the parser, model and linter, not from a rule. */
const NON_RULE: Record<string, string> = {
  syntax: 'The RouterOS script cannot be parsed here.',
  model: 'The configuration model cannot follow this command.',
  roslint: 'A problem with the lint itself (a suppression directive, an internal error).',
};

function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.column + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.column + 1,
  };
}

function location(file: string, range: Range, cwd: string) {
  return { physicalLocation: { artifactLocation: { uri: encodeURI(repoRelative(file, cwd)), uriBaseId: '%SRCROOT%' }, region: region(range) } };
}

function ruleDescriptor(id: string, meta: RuleMeta | undefined) {
  const doc = meta ? readRuleDoc(id) : undefined;
  const summary = meta?.summary ?? NON_RULE[id.split('/')[0]!] ?? id;
  const d: Record<string, unknown> = {
    id,
    name: id
      .split(/[/-]/)
      .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
      .join(''),
    shortDescription: { text: summary },
    fullDescription: { text: (doc && docDescription(doc)) ?? summary },
    defaultConfiguration: { level: LEVEL[meta?.defaultSeverity ?? 'error'] },
    properties: { category: id.split('/')[0], fixable: meta?.fixable ?? false },
  };
  if (meta) d.helpUri = ruleHelpUri(id);
  return d;
}

/** Offsets of the whole lines a range covers. */
function lineSpan(result: LintResult, d: Diagnostic): [number, number] {
  const src = result.source;
  const a = src.lineStarts[d.range.start.line] ?? 0;
  const lastLine = d.range.end.line;
  const b = lastLine + 1 < src.lineCount ? src.lineStarts[lastLine + 1]! : src.text.length;
  return [a, b];
}

/** Text of the lines [a, b), whitespace-normalised and with secrets redacted. */
function rangeText(result: LintResult, a: number, b: number): string {
  return redact(result.source.text.slice(a, b), result.secretSpans, a).replace(/\s+/g, ' ').trim();
}

export const formatSarif: Formatter = (results, context) => {
  const metas = new Map((context.rules ?? []).map((m) => [m.id, m]));
  // The rules results refer to (as ESLint's SARIF output does): the log stays small and a rule
  // added to roslint does not shift every ruleIndex.
  const ids = [...new Set(results.flatMap((r) => r.diagnostics.map((d) => d.ruleId)))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));

  const sarifResults: unknown[] = [];
  for (const r of results) {
    // Equal (rule, text) pairs in one file are told apart by their order.
    const seen = new Map<string, number>();
    // The basis hash per (rule, lines): thousands of findings on one long line would otherwise
    // redact and hash that line once each.
    const hashes = new Map<string, string>();
    for (const d of r.diagnostics) {
      const [a, b] = lineSpan(r, d);
      const key = `${d.ruleId}\u0000${a}\u0000${b}`;
      let hash = hashes.get(key);
      if (hash === undefined) {
        const basis = `${d.ruleId}\u0000${repoRelative(r.file, context.cwd)}\u0000${rangeText(r, a, b)}`;
        hash = createHash('sha256').update(basis).digest('hex').slice(0, 32);
        hashes.set(key, hash);
      }
      const n = seen.get(hash) ?? 0;
      seen.set(hash, n + 1);
      const result: Record<string, unknown> = {
        ruleId: d.ruleId,
        ruleIndex: index.get(d.ruleId),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [location(r.file, d.range, context.cwd)],
        partialFingerprints: { 'roslintHash/v1': `${hash}:${n + 1}` },
      };
      if (d.related && d.related.length > 0) {
        result.relatedLocations = d.related.map((rel, i) => ({ id: i + 1, ...location(rel.file, rel.range, context.cwd), message: { text: rel.message } }));
      }
      sarifResults.push(result);
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'roslint',
            version: context.toolVersion ?? '0.0.0',
            informationUri: homepage(),
            rules: ids.map((id) => ruleDescriptor(id, metas.get(id))),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
