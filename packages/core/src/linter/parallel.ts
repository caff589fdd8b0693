/**
 * `Linter.lintMany` on worker threads: the same results, with the per-file work (parse → model →
 * router rules, then suppressions and redaction) spread over several threads.
 *
 * The main thread lints files too (one at a time, handling the workers' messages in between), so
 * nothing waits for a worker to start: on a small network, or a machine busy with other work, the
 * main thread simply takes more of the files. Workers take files in batches as they finish
 * earlier ones, run `prepare`, and post back each file's network summary and secret values
 * (lint-worker.ts). The main thread rebuilds a config from each summary around its own
 * SourceText of the same content (and builds the per-router analyses the topology reads, while
 * the workers are still busy), runs the network rules, collects the network's secrets, and
 * sends each worker its files' network reports and the secrets; the workers `finish` their files.
 * wg-quick `.conf` files (small; their configs are marked as wg-quick by identity) are always linted
 * on the main thread. A worker that fails (an exception, running out of memory, a module that does
 * not load) turns each file it held into one `roslint/internal-error` result, never a hang; the
 * files it had not been sent yet are linted by the others.
 */
import { SourceText, type Diagnostic, type Span } from '@roslint/parser';
import { Worker } from 'node:worker_threads';
import { applyIgnores } from '../config/ignores.js';
import type { RouterConfig } from '../model/types.js';
import { emptyConfig } from '../model/evaluate.js';
import { isWgQuickFile } from '../wgquick/read.js';
import { INTERNAL_ERROR } from './directives.js';
import type { FileState, Linter, LintOptions, LintResult } from './linter.js';
import type { FromWorker, ToWorker, WorkerFile } from './lint-worker.js';
import { configFromSummary } from './network-summary.js';
import { prepareRouter } from '../analysis/topology/routers.js';
import { mergeSpans, occurrenceSpans, secretValues } from './secrets.js';

export interface WorkerPool {
  /** Module a worker runs; it must call `serveLintWorker(parentPort, rules)` with the same rules. */
  url: URL;
  workerData?: unknown;
  /** Number of worker threads besides the main thread (at least 1). */
  count: number;
}

export type ParallelInput = Omit<WorkerFile, 'index'>;

type GroupOptions = Omit<LintOptions, 'file'>;

/** Most files a worker is sent at a time (it may have two batches unprepared). */
const MAX_BATCH = 8;

/** Let the event loop deliver the workers' messages between two files linted here. */
const yieldToMessages = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function sourceOf(content: string | Uint8Array): SourceText {
  // As parse() makes it, so offsets and line numbers agree with the worker's.
  return typeof content === 'string' ? new SourceText(content) : SourceText.fromBytes(content);
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return (msg.split(/\r?\n/, 1)[0] ?? '').slice(0, 300) || 'unknown error';
}

/** A file whose worker failed: one error, and the whole text redacted (its secrets are unknown). */
function failedResult(file: string, source: SourceText, config: RouterConfig, why: string): LintResult {
  const diagnostic: Diagnostic = {
    ruleId: INTERNAL_ERROR,
    severity: 'error',
    message: `Internal error: the worker thread linting this file failed: ${why}`,
    file,
    range: source.rangeOf({ start: 0, end: 0 }),
  };
  return { file, source, config, diagnostics: [diagnostic], secretSpans: [{ start: 0, end: source.text.length }] };
}

interface Remote {
  worker: Worker;
  /** Indexes sent and not yet prepared. */
  pending: Set<number>;
  /** Every index sent to it (its states live there). */
  holds: number[];
  failed?: string;
}

/** Lint `inputs` as one network on this thread and `pool.count` worker threads; results in input order. */
export async function lintManyInWorkers(
  linter: Linter,
  inputs: readonly ParallelInput[],
  options: GroupOptions,
  pool: WorkerPool,
): Promise<LintResult[]> {
  const n = inputs.length;
  const sources: Array<SourceText | undefined> = new Array(n);
  const source = (i: number): SourceText => (sources[i] ??= sourceOf(inputs[i]!.content));
  const states: Array<FileState | undefined> = new Array(n);
  const values: Array<string[] | undefined> = new Array(n);
  const results: Array<LintResult | undefined> = new Array(n);

  const queue: number[] = [];
  /** Files linted here (full states). */
  const local: number[] = [];
  inputs.forEach((input, i) => (isWgQuickFile(input.file) ? local : queue).push(i));
  // Small batches on small networks, so a worker still starting up does not sit on most files.
  const batch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(queue.length / ((pool.count + 1) * 8))));
  let mainBusy = true;

  const remotes: Remote[] = [];
  let settle!: () => void;
  let phase: 'prepare' | 'finish' = 'prepare';
  const done = new Promise<void>((resolve) => (settle = resolve));
  const prepared = (): boolean => !mainBusy && queue.length === 0 && remotes.every((r) => r.pending.size === 0);
  let resultCount = 0;
  const setResult = (i: number, r: LintResult): void => {
    if (results[i] === undefined) resultCount++;
    results[i] = r;
  };
  const finished = (): boolean => resultCount === n;

  const fail = (remote: Remote, why: string): void => {
    if (remote.failed) return;
    remote.failed = why;
    remote.pending.clear();
    for (const i of remote.holds) {
      if (results[i]) continue;
      const config = states[i]?.config ?? emptyConfig(inputs[i]!.file, source(i));
      setResult(i, failedResult(inputs[i]!.file, source(i), config, why));
    }
    void remote.worker.terminate();
    step();
  };

  const send = (remote: Remote): void => {
    const files: WorkerFile[] = [];
    for (const i of queue.splice(0, batch)) {
      const input = inputs[i]!;
      files.push({ index: i, file: input.file, content: input.content, ...(input.ignores ? { ignores: input.ignores } : {}) });
      remote.pending.add(i);
      remote.holds.push(i);
    }
    if (files.length > 0) remote.worker.postMessage({ type: 'prepare', options, files } satisfies ToWorker);
  };

  const step = (): void => {
    if (phase === 'prepare' && prepared()) {
      phase = 'finish';
      startFinish();
    }
    if (phase === 'finish' && finished()) settle();
  };

  const startFinish = (): void => {
    // Every file has a config now (rebuilt from its summary, real for local files, empty for failed ones).
    const all: FileState[] = inputs.map(
      (input, i) =>
        states[i] ?? {
          file: input.file,
          parsed: undefined as never,
          config: results[i]?.config ?? emptyConfig(input.file, source(i)),
          diagnostics: [],
          secretSpans: [],
        },
    );
    // The network's secret values in file order, longest first (as lintMany orders them); the
    // workers redact them in their files while the network rules run here.
    const set = new Set<string>();
    for (let i = 0; i < n; i++) for (const v of values[i] ?? []) set.add(v);
    const secrets = [...set].sort((a, b) => b.length - a.length);
    for (const remote of remotes) if (!remote.failed) remote.worker.postMessage({ type: 'secrets', secrets } satisfies ToWorker);
    linter.runNetworkRules(all, options);
    for (const remote of remotes) {
      if (remote.failed) continue;
      const network: Array<[number, Diagnostic[]]> = [];
      for (const i of remote.holds) if (all[i]!.diagnostics.length > 0) network.push([i, all[i]!.diagnostics]);
      remote.worker.postMessage({ type: 'finish', network } satisfies ToWorker);
    }
    for (const i of local) {
      const state = states[i]!;
      state.secretSpans = mergeSpans([...state.secretSpans, ...occurrenceSpans(state.parsed.source.text, secrets)]);
      const result = linter.finish(state, options, secrets);
      const ignores = inputs[i]!.ignores;
      setResult(i, ignores && ignores.length > 0 ? { ...result, diagnostics: applyIgnores(result.diagnostics, result.config, ignores) } : result);
    }
  };

  const onMessage = (remote: Remote, message: FromWorker): void => {
    if (remote.failed) return;
    const i = message.index;
    if (message.type === 'prepared') {
      remote.pending.delete(i);
      values[i] = message.secretValues;
      const config = configFromSummary(message.summary, source(i));
      states[i] = { file: inputs[i]!.file, parsed: undefined as never, config, diagnostics: [], secretSpans: [] };
      if (remote.pending.size <= batch) send(remote);
      // While the workers are busy: what the network rules would otherwise build after them.
      prepareRouter(config);
    } else {
      const config = states[i]!.config;
      setResult(i, { file: inputs[i]!.file, source: source(i), config, diagnostics: message.diagnostics, secretSpans: message.secretSpans as Span[] });
    }
    step();
  };

  try {
    for (let w = 0; w < Math.max(1, pool.count); w++) {
      const remote: Remote = { worker: new Worker(pool.url, { workerData: pool.workerData }), pending: new Set(), holds: [] };
      remotes.push(remote);
      remote.worker.on('message', (m: FromWorker) => {
        try {
          onMessage(remote, m);
        } catch (err) {
          fail(remote, firstLine(err));
        }
      });
      remote.worker.on('error', (err) => fail(remote, firstLine(err)));
      remote.worker.on('exit', (code) => {
        if (!finished()) fail(remote, `it exited (code ${code})`);
      });
      send(remote);
      send(remote);
    }
    const prepareHere = (i: number): void => {
      const state = linter.prepare(inputs[i]!.content, inputs[i]!.file, options);
      states[i] = state;
      values[i] = secretValues(state.parsed.source.text, state.secretSpans);
    };
    for (const i of local) prepareHere(i);
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      await yieldToMessages();
      prepareHere(i);
      local.push(i);
    }
    mainBusy = false;
    step();
    await done;
  } finally {
    await Promise.all(remotes.map((r) => r.worker.terminate()));
  }
  return results as LintResult[];
}
