/**
 * Worker thread for large lints (a 20 MB export takes seconds): the server's own thread keeps
 * answering requests meanwhile. Receives inputs and options, returns each file's diagnostics.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Linter, type LintInput, type LintOptions } from '@roslint/core';
import { loadRules } from './rules.js';

export interface WorkerJob {
  id: number;
  inputs: LintInput[];
  options: Omit<LintOptions, 'file'>;
}

const linter = new Linter({ rules: await loadRules((workerData as { extraRules?: string }).extraRules, () => undefined) });

parentPort!.on('message', (job: WorkerJob) => {
  try {
    const results =
      job.inputs.length === 1 ? [linter.lintText(job.inputs[0]!.content, { ...job.options, file: job.inputs[0]!.file })] : linter.lintMany(job.inputs, job.options);
    parentPort!.postMessage({ id: job.id, results: results.map((r) => ({ file: r.file, diagnostics: r.diagnostics })) });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
