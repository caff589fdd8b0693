/** The server's side of the lint worker: one job at a time, restarted after a crash. */
import { Worker } from 'node:worker_threads';
import type { Diagnostic, SyntaxProblem } from '@roslint/parser';
import type { LintInput, LintOptions } from '@roslint/core';
import type { DocumentSymbol } from 'vscode-languageserver';
import type { ModelRequest } from './model-features.js';

export interface WorkerResult {
  file: string;
  diagnostics: Diagnostic[];
  /** Secret values of the file (private and preshared keys), for scrubbing the server's own messages. */
  secrets?: string[];
  /**
   * The outline, made from the worker's model (the server has none for worker results). It comes
   * after the diagnostics; undefined when the worker could not make it (or failed first).
   */
  symbols?: Promise<DocumentSymbol[] | undefined>;
  /** The job that linted it (the worker keeps that job's models for questions like hover). */
  job?: number;
}

/** One file's outline as posted by the worker (undefined: it could not make one). */
interface WorkerSymbols {
  file: string;
  symbols: DocumentSymbol[] | undefined;
}

/** A syntax snapshot as posted by the worker (the server rebuilds its SourceText from the text it sent). */
export interface WorkerSnapshot {
  file: string;
  statements: Int32Array;
  problems: SyntaxProblem[];
  reusable: boolean;
}

export class LintCancelled extends Error {
  constructor() {
    super('lint cancelled');
  }
}

export class LintWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: WorkerResult[]) => void; reject: (e: Error) => void; onSnapshot?: (s: WorkerSnapshot) => void }>();
  private questions = new Map<number, { resolve: (a: { value?: unknown; missing?: boolean }) => void; reject: (e: Error) => void }>();
  /** Snapshot callbacks of finished jobs whose snapshots are still coming. */
  private snapshotsOf = new Map<number, (s: WorkerSnapshot) => void>();
  /** Finished jobs whose outlines are still coming. */
  private symbolsOf = new Map<number, (s: WorkerSymbols[] | undefined) => void>();

  constructor(private readonly extraRules: string | undefined) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./lint-worker.mjs', import.meta.url), { workerData: { extraRules: this.extraRules } });
    worker.unref();
    worker.on('message', (m: { id: number; results?: WorkerResult[]; error?: string; snapshot?: WorkerSnapshot; symbols?: WorkerSymbols[]; answer?: { value?: unknown; missing?: boolean } }) => {
      const q = this.questions.get(m.id);
      if (m.snapshot && !q) {
        this.snapshotsOf.get(m.id)?.(m.snapshot);
        return;
      }
      if (m.symbols) {
        this.symbolsOf.get(m.id)?.(m.symbols);
        this.symbolsOf.delete(m.id);
        return;
      }
      if (q) {
        this.questions.delete(m.id);
        if (m.answer) q.resolve(m.answer);
        else if (m.snapshot) q.resolve({ value: m.snapshot });
        else q.reject(new Error(m.error ?? 'no answer'));
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) {
        // A finished job that failed after its diagnostics: its outline will not come.
        this.symbolsOf.get(m.id)?.(undefined);
        this.symbolsOf.delete(m.id);
        return;
      }
      this.pending.delete(m.id);
      if (m.results) {
        // Only the latest job's snapshots are wanted.
        this.snapshotsOf.clear();
        if (p.onSnapshot) this.snapshotsOf.set(m.id, p.onSnapshot);
        const outlines = new Promise<WorkerSymbols[] | undefined>((resolve) => this.symbolsOf.set(m.id, resolve));
        p.resolve(m.results.map((r) => ({ ...r, job: m.id, symbols: outlines.then((all) => all?.find((o) => o.file === r.file)?.symbols) })));
      } else p.reject(new Error(m.error ?? 'lint failed'));
    });
    const fail = (err: Error) => {
      if (this.worker !== worker) return; // already replaced (cancelled)
      this.worker = undefined;
      for (const p of [...this.pending.values(), ...this.questions.values()]) p.reject(err);
      this.pending.clear();
      this.questions.clear();
      this.dropOutlines();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`lint worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Start the worker now (loading the rules and schema takes a while), so the first large lint does not wait for it. */
  warm(): void {
    try {
      this.ensure();
    } catch {
      // Started again on first use.
    }
  }

  lint(inputs: LintInput[], options: Omit<LintOptions, 'file'>, onSnapshot?: (s: WorkerSnapshot) => void): Promise<WorkerResult[]> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject, onSnapshot });
      try {
        this.ensure().postMessage({ id, inputs, options, snapshots: onSnapshot !== undefined });
      } catch (err) {
        this.pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /**
   * A request (hover, definition, …) on a file of lint job `job`, answered from the worker's model;
   * `missing` when the worker no longer holds that job's models (a newer lint ran, or it was
   * restarted). Posted at once: a job posted after it cannot replace the models first.
   */
  model(job: number, file: string, uri: string, request: ModelRequest, groupFiles: string[]): Promise<{ value?: unknown; missing?: boolean }> {
    if (!this.worker) return Promise.resolve({ missing: true });
    return this.ask({ kind: 'model', job, file, uri, request, groupFiles });
  }

  /** The worker may drop the model it holds of `file` (its document closed). */
  forget(file: string): void {
    try {
      this.worker?.postMessage({ id: 0, kind: 'forget', file });
    } catch {
      // no worker: nothing held
    }
  }

  /** A syntax snapshot of `content`, made in the worker (a 20 MB parse would stall the server's thread). */
  async snapshot(file: string, content: string): Promise<WorkerSnapshot> {
    this.ensure();
    return (await this.ask({ kind: 'snapshot', file, content })).value as WorkerSnapshot;
  }

  private ask(question: Record<string, unknown>): Promise<{ value?: unknown; missing?: boolean }> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.questions.set(id, { resolve, reject });
      try {
        this.ensure().postMessage({ id, ...question });
      } catch (err) {
        this.questions.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Abandon the running lint (its documents changed): the worker is restarted for the next job. */
  cancel(): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const p of [...this.pending.values(), ...this.questions.values()]) p.reject(new LintCancelled());
    this.pending.clear();
    this.questions.clear();
    this.snapshotsOf.clear();
    this.dropOutlines();
    void worker?.terminate();
  }

  /** Outlines that will not come (the worker failed or was stopped): their files have none. */
  private dropOutlines(): void {
    for (const resolve of this.symbolsOf.values()) resolve(undefined);
    this.symbolsOf.clear();
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.dropOutlines();
  }
}
