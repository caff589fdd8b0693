/**
 * Worker thread for large lints (a 20 MB export takes seconds): the server's own thread keeps
 * answering requests meanwhile. Receives inputs and options, returns each file's diagnostics and
 * secret values; then, in a second message so the diagnostics are not held back, the syntax
 * snapshot of each text (statement spans and syntax problems: small, and what lets the server
 * re-parse only the edited statements on the next keystroke).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Linter, type LintInput, type LintOptions, type RouterConfig } from '@roslint/core';
import type { DocumentSymbol } from 'vscode-languageserver';
import { syntaxSnapshot } from '@roslint/parser';
import { documentSymbols } from './outline.js';
import { loadRules } from './rules.js';

export interface WorkerJob {
  id: number;
  inputs: LintInput[];
  options: Omit<LintOptions, 'file'>;
  /** Also post syntax snapshots of the (string) inputs. */
  snapshots?: boolean;
}

const linter = new Linter({ rules: await loadRules((workerData as { extraRules?: string }).extraRules, () => undefined) });

/** The text of each secret span (for scrubbing messages the server makes itself). */
function secretValues(text: string, spans: readonly { start: number; end: number }[]): string[] {
  return [...new Set(spans.map((s) => text.slice(s.start, s.end)))];
}

function outline(config: RouterConfig): DocumentSymbol[] | undefined {
  try {
    return documentSymbols(config);
  } catch {
    return undefined; // the server builds the model and tries itself
  }
}

parentPort!.on('message', (job: WorkerJob) => {
  try {
    const results =
      job.inputs.length === 1 ? [linter.lintText(job.inputs[0]!.content, { ...job.options, file: job.inputs[0]!.file })] : linter.lintMany(job.inputs, job.options);
    parentPort!.postMessage({
      id: job.id,
      results: results.map((r) => ({ file: r.file, diagnostics: r.diagnostics, secrets: secretValues(r.source.text, r.secretSpans), symbols: outline(r.config) })),
    });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
    return;
  }
  if (!job.snapshots) return;
  for (const input of job.inputs) {
    if (typeof input.content !== 'string') continue;
    try {
      const s = syntaxSnapshot(input.content, input.file);
      parentPort!.postMessage({ id: job.id, snapshot: { file: input.file, statements: s.statements, problems: s.problems, reusable: s.reusable } }, [s.statements.buffer as ArrayBuffer]);
    } catch {
      // No snapshot: the server then waits for the next complete lint.
    }
  }
});
