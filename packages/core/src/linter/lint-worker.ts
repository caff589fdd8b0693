/**
 * The worker-thread side of `lintManyInWorkers` (parallel.ts).
 *
 * Phase 1 (`prepare` messages, a batch of files at a time): parse → model → router rules per
 * file; post back the file's network summary and its secret values, keep its state.
 * Phase 2: `secrets` (the network's secret values, while the main thread runs the network rules):
 * redact every one of them in each file. `finish`: add the network rules' reports the main thread
 * computed, apply suppressions and severities and scrub messages (`finish`), drop
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
  /** Every file is prepared: the network's secret values (sent before the network rules run, so the scan overlaps them). */
  | { type: 'secrets'; secrets: string[] }
  | { type: 'finish'; network: Array<[index: number, diagnostics: Diagnostic[]]> };

export type FromWorker =
  | { type: 'prepared'; index: number; summary: NetworkSummary; secretValues: string[] }
  | { type: 'finished'; index: number; diagnostics: Diagnostic[]; secretSpans: Span[] };

/** Answer `lintManyInWorkers` on `port` (the worker's parentPort) with these rules. */
export function serveLintWorker(port: MessagePort, rules: readonly Rule[]): void {
  const linter = new Linter({ rules });
  const held = new Map<number, { state: FileState; ignores?: IgnoreEntry[] }>();
  let options: GroupOptions = {};
  let secrets: string[] = [];
  const post = (message: FromWorker) => port.postMessage(message, message.type === 'prepared' ? [message.summary.menus.numbers.buffer as ArrayBuffer] : []);

  port.on('message', (message: ToWorker) => {
    if (message.type === 'prepare') {
      options = message.options;
      for (const f of message.files) {
        const state = linter.prepare(f.content, f.file, options);
        post({
          type: 'prepared',
          index: f.index,
          summary: summarizeConfig(state.config),
          secretValues: secretValues(state.parsed.source.text, state.secretSpans),
        });
        // `finish` and `ignores` read the config's menus, comments and source, not its command
        // log; holding a copy without it lets the log and the analyses cached for the original
        // config (firewall, WireGuard views) be collected while the other files are linted.
        const config = { ...state.config, commands: [] };
        held.set(f.index, { state: { ...state, config }, ...(f.ignores ? { ignores: f.ignores } : {}) });
      }
      return;
    }
    if (message.type === 'secrets') {
      secrets = message.secrets;
      // As in lintMany: a secret of one file appearing in another is a secret there too.
      for (const { state } of held.values()) state.secretSpans = mergeSpans([...state.secretSpans, ...occurrenceSpans(state.parsed.source.text, secrets)]);
      return;
    }
    const network = new Map(message.network);
    for (const [index, { state, ignores }] of held) {
      state.diagnostics.push(...(network.get(index) ?? []));
      const result = linter.finish(state, options, secrets);
      const diagnostics = ignores && ignores.length > 0 ? applyIgnores(result.diagnostics, result.config, ignores) : result.diagnostics;
      post({ type: 'finished', index, diagnostics, secretSpans: result.secretSpans });
      held.delete(index);
    }
  });
}
