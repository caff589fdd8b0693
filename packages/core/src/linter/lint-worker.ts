/**
 * The worker-thread side of `lintManyInWorkers` (parallel.ts).
 *
 * Phase 1 (`prepare` messages, a batch of files at a time): parse → model → router rules per
 * file; post back the file's network summary and its secret values, keep its state.
 * Phase 2 (one `finish` message): add the network rules' reports the main thread computed, redact
 * every secret of the network in each file, apply suppressions and severities (`finish`), drop
 * the diagnostics `ignores` accept (they need the full config, which only this thread has), and
 * post back the final diagnostics and secret spans.
 */
import type { Diagnostic, Span } from '@roslint/parser';
import type { MessagePort } from 'node:worker_threads';
import { applyIgnores } from '../config/ignores.js';
import type { IgnoreEntry } from '../config/load.js';
import type { Rule } from '../rule.js';
import { Linter, type FileState, type LintOptions } from './linter.js';

type GroupOptions = Omit<LintOptions, 'file'>;
import { summarizeConfig, type NetworkSummary } from './network-summary.js';
import { mergeSpans, occurrenceSpans, secretValues } from './secrets.js';

export interface WorkerFile {
  /** Position in the network's input list. */
  index: number;
  file: string;
  content: string | Uint8Array;
  /** Accepted findings of this file (configuration `ignores`). */
  ignores?: IgnoreEntry[];
}

export type ToWorker =
  | { type: 'prepare'; options: GroupOptions; files: WorkerFile[] }
  | { type: 'finish'; secrets: string[]; network: Array<[index: number, diagnostics: Diagnostic[]]> };

export type FromWorker =
  | { type: 'prepared'; index: number; summary: NetworkSummary; secretValues: string[] }
  | { type: 'finished'; index: number; diagnostics: Diagnostic[]; secretSpans: Span[] };

/** Answer `lintManyInWorkers` on `port` (the worker's parentPort) with these rules. */
export function serveLintWorker(port: MessagePort, rules: readonly Rule[]): void {
  const linter = new Linter({ rules });
  const held = new Map<number, { state: FileState; ignores?: IgnoreEntry[] }>();
  let options: GroupOptions = {};
  const post = (message: FromWorker) => port.postMessage(message, message.type === 'prepared' ? [message.summary.menus.numbers.buffer as ArrayBuffer] : []);

  port.on('message', (message: ToWorker) => {
    if (message.type === 'prepare') {
      options = message.options;
      for (const f of message.files) {
        const state = linter.prepare(f.content, f.file, options);
        held.set(f.index, { state, ...(f.ignores ? { ignores: f.ignores } : {}) });
        post({
          type: 'prepared',
          index: f.index,
          summary: summarizeConfig(state.config),
          secretValues: secretValues(state.parsed.source.text, state.secretSpans),
        });
      }
      return;
    }
    const network = new Map(message.network);
    for (const [index, { state, ignores }] of held) {
      state.diagnostics.push(...(network.get(index) ?? []));
      // As in lintMany: a secret of one file appearing in another is a secret there too.
      state.secretSpans = mergeSpans([...state.secretSpans, ...occurrenceSpans(state.parsed.source.text, message.secrets)]);
      const result = linter.finish(state, options, message.secrets);
      const diagnostics = ignores && ignores.length > 0 ? applyIgnores(result.diagnostics, result.config, ignores) : result.diagnostics;
      post({ type: 'finished', index, diagnostics, secretSpans: result.secretSpans });
      held.delete(index);
    }
  });
}
