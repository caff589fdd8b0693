/**
 * Keeps every `.rsc` file the editor knows (open documents and the workspace folders' files on
 * disk) linted, and hands results to the server for publishing.
 *
 * Changes are debounced; a run reads the newest text of every document it lints, so the latest
 * version always wins, and features call `flush()` to get results that match the text they see.
 * With cross-file checks on and network rules enabled, the files of one workspace folder are
 * linted together (`lintMany`) and all of them republished; otherwise only the changed file is
 * relinted. A lint that throws never takes the server down: the file gets an internal-error
 * diagnostic and the others still get theirs.
 *
 * Large inputs (a multi-megabyte export) are linted in a worker thread so requests keep being
 * answered; their results are published only if the documents did not change meanwhile, and
 * requests needing their model are answered by the worker (`whenLinted` waits for the lint of the
 * version a request is about).
 */
import * as path from 'node:path';
import { parse, SourceText, type Diagnostic, type SyntaxSnapshot } from '@roslint/parser';
import { buildConfig, INTERNAL_ERROR, type Linter, type LintResult, type LintInput, type LintOptions, type RouterConfig } from '@roslint/core';
import type { LintSettingsLoader } from './lint-settings.js';
import type { DocumentSymbol } from 'vscode-languageserver';
import { LintCancelled, type LintWorkerClient, type WorkerResult, type WorkerSnapshot } from './lint-worker-client.js';
import { documentSymbols } from './outline.js';

type WorkerExtras = Pick<WorkerResult, 'secrets' | 'symbols' | 'job'>;
import { DiskFiles, findRouterOsFiles, isWgQuickFile } from './workspace-files.js';
import { fileToUri, isConfFile, isRouterOsFile, uriToFile } from './uris.js';

/** One file's latest lint: its diagnostics and (built on first use for worker results) its model. */
export class LintedFile {
  private model: RouterConfig | undefined;
  private content: string | Uint8Array | undefined;
  private routerosVersion: string | undefined;

  constructor(
    readonly uri: string,
    readonly file: string,
    /** The document version the result belongs to; null for a file read from disk. */
    readonly version: number | null,
    readonly diagnostics: Diagnostic[],
    from: { result: LintResult } | { content: string | Uint8Array; routerosVersion?: string },
    /** From the worker (set for every worker result, failed ones too): what it computed on its model, so the server need not build one. */
    private readonly computed?: WorkerExtras,
  ) {
    if ('result' in from) this.model = from.result.config;
    else {
      this.content = from.content;
      this.routerosVersion = from.routerosVersion;
    }
  }

  /** Secret values of the file (worker results), for scrubbing messages the server makes itself. */
  get secrets(): readonly string[] {
    return this.computed?.secrets ?? [];
  }

  /** The outline: from the worker for large files (building the model here would take seconds). */
  documentSymbols(): DocumentSymbol[] | Promise<DocumentSymbol[]> {
    if (this.computed) return this.computed.symbols?.then((s) => s ?? []) ?? [];
    return documentSymbols(this.config);
  }

  /** Linted by the worker: requests about it are answered there, never by building its model on this thread. */
  get fromWorker(): boolean {
    return this.computed !== undefined;
  }

  /**
   * For a worker result whose model was not built here: the worker job that holds it (requests
   * are answered there, positions converted on the worker's copy of the same text).
   */
  workerJob(): number | undefined {
    return this.model ? undefined : this.computed?.job;
  }

  get config(): RouterConfig {
    if (!this.model) {
      const content = this.content ?? '';
      this.content = undefined;
      try {
        this.model = buildConfig(parse(content, { file: this.file }), { file: this.file, routerosVersion: this.routerosVersion }).config;
      } catch {
        this.model = buildConfig(parse('', { file: this.file }), { file: this.file }).config;
      }
    }
    return this.model;
  }
}

export interface OpenDocument {
  getText(): string;
  readonly version: number;
}

export interface LintServiceOptions {
  crossFile: boolean;
  routerosVersion?: string;
  debounceMs: number;
  /** Inputs of at least this many characters are linted in the worker (when there is one). */
  workerMinChars: number;
  /**
   * A change cancels the running worker lint (restarting the worker) only when the lint is at
   * least this large: restarting costs the worker's start-up (rules and schema, ~0.3 s), more than
   * what is left of a smaller lint, which finishes and is dropped instead.
   */
  cancelMinChars?: number;
}

export interface LintServiceHooks {
  openDocument(uri: string): OpenDocument | undefined;
  openUris(): string[];
  /** Called with null when a file's diagnostics must be cleared. */
  publish(uri: string, linted: LintedFile | null): void;
  log(message: string): void;
  /** Start and end of a run (for the client's status bar). */
  onRun?(phase: 'start' | 'end', stats: { files: number; ms: number }): void;
  /** Whether a syntax snapshot of the document's linted text is wanted (computed by the worker after its lint). */
  wantsSnapshot?(uri: string): boolean;
  onSnapshot?(uri: string, snapshot: SyntaxSnapshot): void;
}

export class LintService {
  private readonly results = new Map<string, LintedFile>();
  /** Workspace files on disk: uri → path. */
  private readonly diskUris = new Map<string, string>();
  private readonly disk = new DiskFiles();
  private folders: string[] = [];
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** Worker jobs wait here (by group key) while one runs. */
  private readonly workerQueue = new Map<string, string[]>();
  private workerBusy = false;
  /** Documents the running worker job reads; a change to one cancels the job. */
  private readonly inWorker = new Set<string>();
  /** Characters the running worker job lints. */
  private inWorkerChars = 0;
  /** Requests waiting for the lint of a document version (see whenLinted). */
  private readonly waiting = new Map<string, { version: number | undefined; then: (linted: LintedFile | undefined) => void; after: LintedFile | undefined }[]>();

  constructor(
    private readonly linter: Linter,
    private readonly settings: LintSettingsLoader,
    private readonly hooks: LintServiceHooks,
    public options: LintServiceOptions,
    private readonly worker?: LintWorkerClient,
  ) {}

  setFolders(folders: string[]): void {
    this.folders = folders.map((f) => path.resolve(f)).sort((a, b) => b.length - a.length);
    const before = [...this.diskUris.keys()];
    this.diskUris.clear();
    for (const folder of this.folders) {
      for (const file of findRouterOsFiles(folder)) this.diskUris.set(fileToUri(file), file);
    }
    // Files of a removed folder that are not open lose their diagnostics.
    for (const uri of before) {
      if (!this.diskUris.has(uri) && !this.hooks.openDocument(uri) && this.results.delete(uri)) this.hooks.publish(uri, null);
    }
    for (const uri of this.knownUris()) this.dirty.add(uri);
    // Background work: give the editor's didOpen of the files it shows (sent right after
    // initialize) time to arrive, so those are linted once, with their version.
    this.schedule(BACKGROUND_DELAY_MS, true);
  }

  knownUris(): string[] {
    return [...new Set([...this.diskUris.keys(), ...this.hooks.openUris().filter((u) => isRouterOsFile(u) || isConfFile(u) || this.results.has(u))])];
  }

  /** `typing`: an edit (not an open, a close or a change on disk), which may be followed by more. */
  changed(uri: string, typing = true): void {
    this.settle(uri); // requests about the previous version are answered empty
    const huge = this.options.cancelMinChars ?? DEFAULT_CANCEL_MIN_CHARS;
    if (this.inWorker.has(uri) && this.inWorkerChars >= huge) this.worker?.cancel();
    this.dirty.add(uri);
    // A huge document's lint takes seconds and is cancelled by the next keystroke: after an edit,
    // wait for a pause in typing (quick diagnostics cover the keystrokes meanwhile). An open
    // starts at once.
    const size = typing ? (this.hooks.openDocument(uri)?.getText().length ?? 0) : 0;
    this.schedule(this.worker && size >= huge ? Math.max(HUGE_DEBOUNCE_MS, this.options.debounceMs) : this.options.debounceMs);
  }

  closed(uri: string): void {
    this.settle(uri);
    if (this.diskUris.has(uri)) {
      this.changed(uri); // back to the text on disk
      return;
    }
    this.results.delete(uri);
    this.hooks.publish(uri, null);
    this.markGroupDirty(uri);
  }

  /** File-watcher events for `.rsc` and `.conf` files. */
  diskChanged(uri: string, kind: 'created' | 'changed' | 'deleted'): void {
    const file = uriToFile(uri);
    this.disk.forget(file);
    if (kind === 'deleted') {
      this.diskUris.delete(uri);
      if (!this.hooks.openDocument(uri)) {
        this.results.delete(uri);
        this.hooks.publish(uri, null);
      }
      this.markGroupDirty(uri);
      return;
    }
    if (isConfFile(file) && !isWgQuickFile(file)) return;
    if (this.folderOf(file) !== undefined) this.diskUris.set(uri, file);
    if (!this.hooks.openDocument(uri)) this.changed(uri);
  }

  /** Settings or configuration changed: relint everything. */
  relintAll(): void {
    for (const uri of this.knownUris()) this.dirty.add(uri);
    this.schedule();
  }

  get(uri: string): LintedFile | undefined {
    return this.results.get(uri);
  }

  /** Results of every file linted together with `uri` (itself included), for cross-file features. */
  group(uri: string): LintedFile[] {
    const own = this.results.get(uri);
    if (!this.options.crossFile) return own ? [own] : [];
    const key = this.groupKey(uri);
    const out: LintedFile[] = [];
    for (const r of this.results.values()) if (r.uri === uri || this.groupKey(r.uri) === key) out.push(r);
    return out;
  }

  /**
   * Calls `then` with the result for document version `version` (undefined: whatever is there),
   * running pending lints first; a result of another text is waited for, and `then` gets undefined
   * when the document moves on to another version or closes first (the client asks again). A
   * result of the same text serves even while the file's group is relinted (another file of it
   * changed). `after`: a result other than that one is wanted (its worker model was dropped by the
   * relint that is running). Synchronous when the result is there already or the lint runs on this
   * thread; a worker lint is waited for without blocking, and `then` runs when its result is
   * stored, before the next worker job is posted (so a question it posts to the worker still
   * finds that job's models).
   */
  whenLinted(uri: string, version: number | undefined, then: (linted: LintedFile | undefined) => void, after?: LintedFile): void {
    this.flush();
    const list = this.waiting.get(uri) ?? [];
    list.push({ version, then, after });
    this.waiting.set(uri, list);
    this.settle(uri);
  }

  /** Whether a lint that will store a new result for `uri` is due, queued or running. */
  pending(uri: string): boolean {
    if (this.dirty.has(uri) || this.inWorker.has(uri)) return true;
    for (const uris of this.workerQueue.values()) if (uris.includes(uri)) return true;
    return false;
  }

  /** Answer the requests waiting on `uri` that can be answered now. */
  private settle(uri: string): void {
    const list = this.waiting.get(uri);
    if (!list) return;
    const doc = this.hooks.openDocument(uri);
    const result = this.results.get(uri);
    const left = list.filter((w) => {
      if (w.version !== undefined && doc?.version !== w.version) w.then(undefined);
      else if (result && result !== w.after && (w.version === undefined || result.version === w.version)) w.then(result);
      else if (!this.pending(uri)) w.then(undefined); // nothing (newer) is coming
      else return true;
      return false;
    });
    if (left.length) this.waiting.set(uri, left);
    else this.waiting.delete(uri);
  }

  /** Run pending lints now (features call this so results match the text the client sees). */
  flush(): void {
    if (this.dirty.size === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.run();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.worker?.dispose();
  }

  private schedule(delayMs = this.options.debounceMs, background = false): void {
    if (background && this.timer) return; // a run is pending already
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, delayMs);
  }

  private folderOf(file: string): string | undefined {
    if (!path.isAbsolute(file)) return undefined;
    return this.folders.find((f) => file === f || file.startsWith(f + path.sep));
  }

  private groupKey(uri: string): string {
    return this.folderOf(uriToFile(uri)) ?? uri;
  }

  private networked(): boolean {
    return this.options.crossFile && this.linter.rules.some((r) => r.meta.scope === 'network');
  }

  private markGroupDirty(uri: string): void {
    if (!this.networked()) return;
    const key = this.groupKey(uri);
    let any = false;
    for (const other of this.knownUris()) {
      if (other !== uri && this.groupKey(other) === key) {
        this.dirty.add(other);
        any = true;
      }
    }
    if (any) this.schedule();
  }

  private input(uri: string): { input: LintInput; version: number | null } | undefined {
    const doc = this.hooks.openDocument(uri);
    if (doc) return { input: { file: uriToFile(uri), content: doc.getText() }, version: doc.version };
    const file = this.diskUris.get(uri);
    if (file === undefined) return undefined;
    const bytes = this.disk.read(file);
    return bytes ? { input: { file, content: bytes }, version: null } : undefined;
  }

  private run(): void {
    const started = performance.now();
    const dirty = [...this.dirty];
    this.dirty.clear();
    let linted = 0;
    this.hooks.onRun?.('start', { files: dirty.length, ms: 0 });
    if (this.networked()) {
      const groups = new Map<string, Set<string>>();
      for (const uri of dirty) {
        const key = this.groupKey(uri);
        if (!groups.has(key)) groups.set(key, new Set());
        groups.get(key)!.add(uri);
      }
      for (const [key, members] of groups) {
        for (const other of this.knownUris()) if (this.groupKey(other) === key) members.add(other);
        linted += this.lintGroup([...members]);
      }
    } else {
      for (const uri of dirty) linted += this.lintGroup([uri]);
    }
    // "ready" only when nothing is left in the worker (its job reports the end itself).
    if (!this.workerPending()) this.hooks.onRun?.('end', { files: linted, ms: performance.now() - started });
  }

  private workerPending(): boolean {
    return this.workerBusy || this.workerQueue.size > 0;
  }

  private lintOptions(file: string): Omit<LintOptions, 'file'> {
    const settings = this.settings.settingsFor(file);
    if (settings.error) this.hooks.log(`roslint configuration: ${settings.error}`);
    return { severities: settings.severities, ruleOptions: settings.ruleOptions, routerosVersion: this.options.routerosVersion };
  }

  private lintGroup(uris: string[]): number {
    const inputs: { uri: string; input: LintInput; version: number | null }[] = [];
    for (const uri of uris) {
      const i = this.input(uri);
      if (i) inputs.push({ uri, ...i });
      else if (this.results.delete(uri)) this.hooks.publish(uri, null);
    }
    if (inputs.length === 0) return 0;
    const size = inputs.reduce((n, i) => n + i.input.content.length, 0);
    if (this.worker && size >= this.options.workerMinChars) {
      this.workerQueue.set(this.groupKey(uris[0]!), uris);
      this.pumpWorker();
      return 0;
    }
    const options = this.lintOptions(inputs[0]!.input.file);
    let results: (LintResult | undefined)[];
    try {
      results = inputs.length === 1 ? [this.linter.lintText(inputs[0]!.input.content, { ...options, file: inputs[0]!.input.file })] : this.linter.lintMany(inputs.map((i) => i.input), options);
    } catch (err) {
      this.hooks.log(`lint of ${inputs.length} file(s) failed, linting them one by one: ${errorLine(err)}`);
      results = inputs.map((i) => {
        try {
          return this.linter.lintText(i.input.content, { ...options, file: i.input.file });
        } catch (e) {
          this.hooks.log(`lint of ${i.input.file} failed: ${errorLine(e)}`);
          return undefined;
        }
      });
    }
    inputs.forEach((i, n) => {
      const result = results[n];
      const linted = result
        ? new LintedFile(i.uri, i.input.file, i.version, result.diagnostics, { result })
        : new LintedFile(i.uri, i.input.file, i.version, [failure(i.input.file, 'the lint of this file failed')], { content: i.input.content });
      this.results.set(i.uri, linted);
      this.hooks.publish(i.uri, linted);
      this.settle(i.uri);
    });
    return inputs.length;
  }

  /** Run the next queued worker job, reading the documents' newest text. */
  private pumpWorker(): void {
    if (this.workerBusy || !this.worker) return;
    const next = this.workerQueue.entries().next();
    if (next.done) return;
    const [key, uris] = next.value;
    this.workerQueue.delete(key);
    const inputs = uris.flatMap((uri) => {
      const i = this.input(uri);
      return i ? [{ uri, ...i }] : [];
    });
    if (inputs.length === 0) return this.pumpWorker();
    const options = this.lintOptions(inputs[0]!.input.file);
    const started = performance.now();
    this.workerBusy = true;
    for (const i of inputs) this.inWorker.add(i.uri);
    this.inWorkerChars = inputs.reduce((n, i) => n + i.input.content.length, 0);
    const done = (byFile: Map<string, Diagnostic[]> | undefined, error?: string, extras?: Map<string, WorkerExtras>) => {
      this.workerBusy = false;
      this.inWorker.clear();
      for (const i of inputs) {
        if (error === CANCELLED) break;
        // Changed while the worker ran: a newer lint is already scheduled; drop this one.
        const doc = this.hooks.openDocument(i.uri);
        if (i.version !== null && doc && doc.version !== i.version) continue;
        const diagnostics = byFile?.get(i.input.file) ?? [failure(i.input.file, `the lint of this file failed: ${error ?? 'no result'}`)];
        const linted = new LintedFile(i.uri, i.input.file, i.version, diagnostics, { content: i.input.content, routerosVersion: this.options.routerosVersion }, extras?.get(i.input.file) ?? {});
        this.results.set(i.uri, linted);
        this.hooks.publish(i.uri, linted);
      }
      for (const i of inputs) this.settle(i.uri);
      this.pumpWorker();
      if (!this.workerPending()) this.hooks.onRun?.('end', { files: inputs.length, ms: performance.now() - started });
    };
    const wanted = inputs.filter((i) => typeof i.input.content === 'string' && this.hooks.wantsSnapshot?.(i.uri));
    const onSnapshot = wanted.length === 0 ? undefined : (s: WorkerSnapshot) => {
      const i = wanted.find((w) => w.input.file === s.file);
      if (!i) return;
      const snapshot: SyntaxSnapshot = { file: s.file, source: new SourceText(i.input.content as string), statements: s.statements, problems: s.problems, reusable: s.reusable };
      this.hooks.onSnapshot?.(i.uri, snapshot);
    };
    this.worker.lint(inputs.map((i) => i.input), options, onSnapshot).then(
      (results) => done(new Map(results.map((r) => [r.file, r.diagnostics])), undefined, new Map(results.map((r) => [r.file, { secrets: r.secrets, symbols: r.symbols, job: r.job }]))),
      (err: unknown) => {
        if (err instanceof LintCancelled) return done(undefined, CANCELLED);
        this.hooks.log(`lint worker: ${errorLine(err)}`);
        done(undefined, errorLine(err));
      },
    );
  }
}

const CANCELLED = '\0cancelled';
const DEFAULT_CANCEL_MIN_CHARS = 4_000_000;
const BACKGROUND_DELAY_MS = 200;
const HUGE_DEBOUNCE_MS = 400;

function failure(file: string, message: string): Diagnostic {
  const at = { line: 0, column: 0, offset: 0 };
  return { ruleId: INTERNAL_ERROR, severity: 'error', message: `Internal error: ${message}`, file, range: { start: at, end: at } };
}

export function errorLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return (msg.split(/\r?\n/, 1)[0] ?? '').slice(0, 300);
}
