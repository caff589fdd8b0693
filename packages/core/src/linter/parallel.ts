/**
 * `Linter.lintMany` on worker threads: the same results, with the per-file work (parse → model →
 * router rules, then suppressions and redaction) spread over several threads.
 *
 * Workers take files in batches as they finish earlier ones (a worker slowed by other load on the
 * machine takes fewer), run `prepare`, and post back each file's network summary and secret
 * values (lint-worker.ts). The main thread rebuilds a config from each summary around its own
 * SourceText of the same content, runs the network rules, collects the network's secrets, and
 * sends each worker its files' network reports and the secrets; the workers `finish` their files.
 * wg-quick `.conf` files (small; their configs are marked as wg-quick by identity) are linted on
 * the main thread. A worker that fails (an exception, running out of memory, a module that does
 * not load) turns each of its files into one `roslint/internal-error` result, never a hang.
 */
import { SourceText, type Diagnostic, type Span } from '@roslint/parser';
import { Worker } from 'node:worker_threads';
import type { Item, Menu, RouterConfig } from '../model/types.js';
import { isWgQuickFile } from '../wgquick/read.js';
import { INTERNAL_ERROR } from './directives.js';
import type { FileState, Linter, LintOptions, LintResult } from './linter.js';
import type { FromWorker, ToWorker, WorkerFile } from './lint-worker.js';
import { configFromSummary } from './network-summary.js';
import { mergeSpans, occurrenceSpans, secretValues } from './secrets.js';

export interface WorkerPool {
  /** Module a worker runs; it must call `serveLintWorker(parentPort, rules)` with the same rules. */
  url: URL;
  workerData?: unknown;
  /** Number of worker threads (at least 1). */
  count: number;
}

export type ParallelInput = Omit<WorkerFile, 'index'>;

type GroupOptions = Omit<LintOptions, 'file'>;

/** Files a worker is sent at a time, and how many of them it may have unprepared before the next batch. */
const BATCH = 8;

function sourceOf(content: string | Uint8Array): SourceText {
  // As parse() makes it, so offsets and line numbers agree with the worker's.
  return typeof content === 'string' ? new SourceText(content) : SourceText.fromBytes(content);
}

function emptyConfig(file: string, source: SourceText): RouterConfig {
  const menus = new Map<string, Menu>();
  return {
    file,
    source,
    comments: [],
    isExport: false,
    showsSensitive: false,
    menus,
    commands: [],
    items: (m: string): Item[] => menus.get(m)?.items ?? [],
    singleton: (m: string): Item | undefined => menus.get(m)?.items[0],
  };
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

/** Lint `inputs` as one network on `pool.count` worker threads; results in input order. */
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
  const owner = new Map<number, Remote>();

  const queue: number[] = [];
  const local: number[] = [];
  inputs.forEach((input, i) => (isWgQuickFile(input.file) ? local : queue).push(i));

  const remotes: Remote[] = [];
  let settle!: () => void;
  let phase: 'prepare' | 'finish' = 'prepare';
  const done = new Promise<void>((resolve) => (settle = resolve));
  const prepared = (): boolean => queue.length === 0 && remotes.every((r) => r.pending.size === 0);
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
    // Its unsent share goes to the others; with none left, those files fail too.
    if (remotes.every((r) => r.failed)) {
      for (const i of queue.splice(0)) setResult(i, failedResult(inputs[i]!.file, source(i), emptyConfig(inputs[i]!.file, source(i)), why));
    }
    step();
  };

  const send = (remote: Remote): void => {
    const files: WorkerFile[] = [];
    for (const i of queue.splice(0, BATCH)) {
      const input = inputs[i]!;
      files.push({ index: i, file: input.file, content: input.content, ...(input.ignores ? { ignores: input.ignores } : {}) });
      remote.pending.add(i);
      remote.holds.push(i);
      owner.set(i, remote);
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
      setResult(i, linter.finish(state, options, secrets));
    }
  };

  const onMessage = (remote: Remote, message: FromWorker): void => {
    if (remote.failed) return;
    const i = message.index;
    if (message.type === 'prepared') {
      remote.pending.delete(i);
      values[i] = message.secretValues;
      states[i] = {
        file: inputs[i]!.file,
        parsed: undefined as never,
        config: configFromSummary(message.summary, source(i)),
        diagnostics: [],
        secretSpans: [],
      };
      if (remote.pending.size <= BATCH) send(remote);
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
    // Meanwhile, the wg-quick files here.
    for (const i of local) {
      const state = linter.prepare(inputs[i]!.content, inputs[i]!.file, options);
      states[i] = state;
      values[i] = secretValues(state.parsed.source.text, state.secretSpans);
    }
    step();
    await done;
  } finally {
    await Promise.all(remotes.map((r) => r.worker.terminate()));
  }
  return results as LintResult[];
}
