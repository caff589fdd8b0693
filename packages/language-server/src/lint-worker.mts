/**
 * Worker thread for large lints (a 20 MB export takes seconds): the server's own thread keeps
 * answering requests meanwhile. Receives inputs and options, returns each file's diagnostics and
 * secret values; then, in further messages so the diagnostics are not held back, each file's
 * outline and the syntax snapshot of each text (statement spans and syntax problems: small, and what lets the server
 * re-parse only the edited statements on the next keystroke).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Linter, type LintInput, type LintOptions, type RouterConfig } from '@roslint/core';
import type { DocumentSymbol } from 'vscode-languageserver';
import { syntaxSnapshot, type Diagnostic } from '@roslint/parser';
import { answerModelRequest, type ModelRequest } from './model-features.js';
import { RuleDocs } from './rule-docs.js';
import { documentSymbols } from './outline.js';
import { loadRules } from './rules.js';

/** A question about a model held here (answered here: rebuilding a 20 MB model on the server's thread takes seconds). */
export interface WorkerQuestion {
  id: number;
  kind: 'model' | 'snapshot' | 'forget';
  /** For `snapshot`: the text to make a syntax snapshot of. */
  content?: string;
  /** The lint job whose model is meant (the last one that linted the file, or the answer is "missing"). */
  job: number;
  file: string;
  /** For `model`: the document's URI, and the request. */
  uri?: string;
  request?: ModelRequest;
  /** The files of the server's group, in its order (cross-file answers list them in that order). */
  groupFiles?: string[];
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

/** Each file's model from the last job that linted it, with that job's models (its group). */
interface Held {
  job: number;
  config: RouterConfig;
  diagnostics: Diagnostic[];
  group: Map<string, RouterConfig>;
}
/**
 * Held per file, not per job, so a job linting another file (two exports open outside a folder)
 * does not drop this one's. A job drops the models of the files it lints when it starts (peak
 * memory stays one model per file: requests about them wait for the new job anyway), and the
 * server drops a closed document's (`forget`).
 */
const held = new Map<string, Held>();
const docs = new RuleDocs();

function answer(q: WorkerQuestion): void {
  const h = held.get(q.file);
  if (!h || h.job !== q.job || !q.request) {
    parentPort!.postMessage({ id: q.id, answer: { missing: true } });
    return;
  }
  try {
    const group = q.groupFiles ? q.groupFiles.flatMap((f) => h.group.get(f) ?? []) : [...h.group.values()];
    const file = { uri: q.uri ?? '', config: h.config, diagnostics: h.diagnostics };
    parentPort!.postMessage({ id: q.id, answer: { value: answerModelRequest(q.request, file, group, docs) } });
  } catch (err) {
    parentPort!.postMessage({ id: q.id, error: err instanceof Error ? err.message : String(err) });
  }
}

parentPort!.on('message', (job: WorkerJob | WorkerQuestion) => {
  if (job.kind !== undefined) {
    if (job.kind === 'model') answer(job);
    else if (job.kind === 'forget') held.delete(job.file);
    else postSnapshot(job.id, job.file, job.content ?? '');
    return;
  }
  for (const input of job.inputs) held.delete(input.file);
  try {
    const results =
      job.inputs.length === 1 ? [linter.lintText(job.inputs[0]!.content, { ...job.options, file: job.inputs[0]!.file })] : linter.lintMany(job.inputs, job.options);
    const group = new Map(results.map((r) => [r.file, r.config]));
    for (const r of results) held.set(r.file, { job: job.id, config: r.config, diagnostics: r.diagnostics, group });
    parentPort!.postMessage({
      id: job.id,
      results: results.map((r) => ({ file: r.file, diagnostics: r.diagnostics, secrets: secretValues(r.source.text, r.secretSpans) })),
    });
    // The outlines after the diagnostics, which they would hold back (~100 ms on a 20 MB export).
    parentPort!.postMessage({ id: job.id, symbols: results.map((r) => ({ file: r.file, symbols: outline(r.config) })) });
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
