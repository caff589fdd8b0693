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
import { hoverAt } from './hover.js';
import { documentSymbols } from './outline.js';
import { loadRules } from './rules.js';

/** A question about the latest job's models (answered here: rebuilding a 20 MB model on the server's thread takes seconds). */
export interface WorkerQuestion {
  id: number;
  kind: 'hover' | 'snapshot';
  /** For `snapshot`: the text to make a syntax snapshot of. */
  content?: string;
  /** The lint job whose model is meant (the latest one, or the answer is "missing"). */
  job: number;
  file: string;
  offset: number;
  routerosVersion?: string;
}

export interface WorkerJob {
  kind?: undefined;
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

/** The models of the latest lint job (the previous ones are dropped when a job starts). */
let latest: { job: number; configs: Map<string, RouterConfig> } | undefined;

function answer(q: WorkerQuestion): void {
  const config = latest?.job === q.job ? latest.configs.get(q.file) : undefined;
  if (!config) {
    parentPort!.postMessage({ id: q.id, answer: { missing: true } });
    return;
  }
  try {
    parentPort!.postMessage({ id: q.id, answer: { value: hoverAt(config, q.offset, [...latest!.configs.values()], q.routerosVersion) } });
  } catch (err) {
    parentPort!.postMessage({ id: q.id, error: err instanceof Error ? err.message : String(err) });
  }
}

parentPort!.on('message', (job: WorkerJob | WorkerQuestion) => {
  if (job.kind !== undefined) {
    if (job.kind === 'hover') answer(job);
    else postSnapshot(job.id, job.file, job.content ?? '');
    return;
  }
  latest = undefined;
  try {
    const results =
      job.inputs.length === 1 ? [linter.lintText(job.inputs[0]!.content, { ...job.options, file: job.inputs[0]!.file })] : linter.lintMany(job.inputs, job.options);
    latest = { job: job.id, configs: new Map(results.map((r) => [r.file, r.config])) };
    parentPort!.postMessage({
      id: job.id,
      results: results.map((r) => ({ file: r.file, diagnostics: r.diagnostics, secrets: secretValues(r.source.text, r.secretSpans), symbols: outline(r.config) })),
    });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
    return;
  }
  if (!job.snapshots) return;
  for (const input of job.inputs) if (typeof input.content === 'string') postSnapshot(job.id, input.file, input.content);
});

function postSnapshot(id: number, file: string, content: string): void {
  try {
    const s = syntaxSnapshot(content, file);
    parentPort!.postMessage({ id, snapshot: { file, statements: s.statements, problems: s.problems, reusable: s.reusable } }, [s.statements.buffer as ArrayBuffer]);
  } catch {
    parentPort!.postMessage({ id, error: 'no snapshot' }); // the server then goes without quick diagnostics
  }
}
