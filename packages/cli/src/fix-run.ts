/**
 * `--fix` / `--fix-dry-run`: lint, apply the fixes of the findings still reported, lint again,
 * until nothing changes or MAX_PASSES is reached (a fix that keeps re-offering itself cannot loop
 * forever). Files are re-linted together each pass, because a network rule's fix on one router
 * depends on the other routers. A file's changes are dropped when they would add syntax errors or
 * cannot be written back in the file's encoding; fixes in lines with syntax errors are refused.
 */
import { applyFixes, encodeText, type LintResult, type Rule } from '@roslint/core';
import { lintFiles, type FileInput } from './lint-run.js';

export const MAX_PASSES = 10;

export interface FileFixOutcome {
  file: string;
  /** Decoded text before any fix, and after the last pass (same when nothing was fixed). */
  before: string;
  after: string;
  /** Bytes to write (undefined when unchanged). */
  bytes?: Uint8Array;
  fixed: number;
  /** One-line notes for stderr (refused fixes, dropped changes). */
  notes: string[];
  /** Secret spans of the original and of the fixed text (for redacting diffs). */
  beforeSecrets: LintResult['secretSpans'];
  afterSecrets: LintResult['secretSpans'];
}

const syntaxErrorCount = (r: LintResult) => r.diagnostics.filter((d) => d.ruleId.startsWith('syntax/') && d.severity === 'error').length;

export function fixFiles(rules: readonly Rule[], inputs: readonly FileInput[]): { results: LintResult[]; outcomes: FileFixOutcome[] } {
  let current = inputs.map((i) => ({ ...i }));
  let results = lintFiles(rules, current);
  const outcomes: FileFixOutcome[] = results.map((r) => ({
    file: r.file,
    before: r.source.text,
    after: r.source.text,
    fixed: 0,
    notes: [],
    beforeSecrets: r.secretSpans,
    afterSecrets: r.secretSpans,
  }));
  const originalSources = results.map((r) => r.source);
  // Files whose fixes were dropped take no further fixes (the same fixes would come back).
  const frozen = new Set<number>();
  const refusedNoted = new Set<string>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    const next = current.map((input, i) => {
      const r = results[i]!;
      if (frozen.has(i)) return input;
      const outcome = applyFixes(r.source.text, r.diagnostics, r.source.eol);
      for (const s of outcome.skipped) {
        if (s.reason !== 'syntax-error') continue;
        const key = `${i}:${s.diagnostic.ruleId}:${s.diagnostic.range.start.line}`;
        if (refusedNoted.has(key)) continue;
        refusedNoted.add(key);
        outcomes[i]!.notes.push(`${r.file}:${s.diagnostic.range.start.line + 1}: not fixed (${s.diagnostic.ruleId}): a syntax error is in the lines the fix would edit`);
      }
      if (outcome.applied.length === 0 || outcome.text === r.source.text) return input;
      changed = true;
      outcomes[i]!.fixed += outcome.applied.length;
      return { ...input, content: outcome.text };
    });
    if (!changed) break;
    const nextResults = lintFiles(rules, next);
    // A file whose fixes added syntax errors keeps its previous text.
    current = next.map((input, i) => {
      if (input === current[i] || syntaxErrorCount(nextResults[i]!) <= syntaxErrorCount(results[i]!)) return input;
      outcomes[i]!.notes.push(`${input.file}: fixes left out: they would introduce a syntax error`);
      frozen.add(i);
      return current[i]!;
    });
    results = current.some((c, i) => c !== next[i]) ? lintFiles(rules, current) : nextResults;
  }
  results.forEach((r, i) => {
    const o = outcomes[i]!;
    o.after = r.source.text;
    o.afterSecrets = r.secretSpans;
    if (o.after === o.before) return;
    // Encoding and BOM as read from the original bytes (the passes after the first lint strings).
    const first = originalSources[i]!;
    const bytes = encodeText(o.after, first.encoding, first.hadBom);
    if (!bytes) {
      o.notes.push(`${o.file}: not fixed: the fixed text cannot be written in ${first.encoding}`);
      o.after = o.before;
      return;
    }
    o.bytes = bytes;
  });
  return { results, outcomes };
}
