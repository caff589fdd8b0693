/** The server's side of the lint worker: one job at a time, restarted after a crash. */
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '@roslint/parser';
import type { LintInput, LintOptions } from '@roslint/core';

export interface WorkerResult {
  file: string;
  diagnostics: Diagnostic[];
}

export class LintCancelled extends Error {
  constructor() {
    super('lint cancelled');
  }
}

export class LintWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: WorkerResult[]) => void; reject: (e: Error) => void }>();

  constructor(private readonly extraRules: string | undefined) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./lint-worker.mjs', import.meta.url), { workerData: { extraRules: this.extraRules } });
    worker.unref();
    worker.on('message', (m: { id: number; results?: WorkerResult[]; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.results) p.resolve(m.results);
      else p.reject(new Error(m.error ?? 'lint failed'));
    });
    const fail = (err: Error) => {
      if (this.worker !== worker) return; // already replaced (cancelled)
      this.worker = undefined;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`lint worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  lint(inputs: LintInput[], options: Omit<LintOptions, 'file'>): Promise<WorkerResult[]> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      try {
        this.ensure().postMessage({ id, inputs, options });
      } catch (err) {
        this.pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Abandon the running lint (its documents changed): the worker is restarted for the next job. */
  cancel(): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new LintCancelled());
    this.pending.clear();
    void worker?.terminate();
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
