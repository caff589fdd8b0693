/**
 * The language server: wires LSP requests to the lint service and the feature modules.
 * Every handler is guarded: a failing feature answers "nothing", it never ends the process.
 */
import { Linter, type Rule } from '@roslint/core';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
  type CodeAction,
  type CompletionItem,
  type Hover,
  type Location,
  type Range,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SourceText, type TextChange } from '@roslint/parser';
import * as path from 'node:path';
import { toLspDiagnostic } from './convert.js';
import { answerModelRequest, emptyAnswer, type ModelAnswer, type ModelRequest } from './model-features.js';
import { CONFIG_FILE_NAME, LintSettingsLoader } from './lint-settings.js';
import { QuickDiagnostics } from './quick-diagnostics.js';
import { SemanticTokensCache, SemanticTokensResults } from './semantic-cache.js';
import { LintService, errorLine, type LintedFile } from './lint-service.js';
import type { LintWorkerClient } from './lint-worker-client.js';
import { foldingRanges } from './outline.js';
import { RuleDocs } from './rule-docs.js';
import { LEGEND, semanticTokens } from './semantic-tokens.js';
import { normalizeUri, uriToFile } from './uris.js';

/** Editor settings (VS Code `roslint.*`, or `initializationOptions` from any client). */
export interface ServerSettings {
  /** A `roslint.config.json` to use instead of the nearest one. */
  configPath?: string;
  /** RouterOS version for files without an export header (`7.16`). */
  routerosVersion?: string;
  /** Lint the workspace folder's files as one network (default true). */
  crossFile?: boolean;
}

export interface ServerOptions {
  rules: readonly Rule[];
  /**
   * Debounce for lint-on-change, in milliseconds: only long enough to take a burst of queued
   * changes in one lint (each costs the whole pipeline); a longer wait is pure latency.
   */
  debounceMs?: number;
  /**
   * Lints this large (characters) run in the worker, when one is given; such documents also get
   * quick diagnostics right after each edit (quick-diagnostics.ts).
   */
  workerMinChars?: number;
  worker?: LintWorkerClient;
}

/** ~100 ms of linting: above this the request thread would visibly stall on every keystroke. */
const DEFAULT_WORKER_MIN_CHARS = 256_000;

export const STATUS_NOTIFICATION = 'roslint/status';

export function startServer(connection: Connection, options: ServerOptions): void {
  /** The last single-range edit of each document, as offsets (quick diagnostics re-parse around it). */
  const lastEdit = new Map<string, { before: string; edit: TextChange }>();
  const documents = new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update: (doc, changes, version) => {
      const one = changes.length === 1 ? changes[0]! : undefined;
      const before = doc.getText();
      let edit: TextChange | undefined;
      const range = (one as { range?: Range } | undefined)?.range;
      if (one && range) {
        const start = doc.offsetAt(range.start);
        const oldEnd = doc.offsetAt(range.end);
        edit = { start, oldEnd, newEnd: start + one.text.length };
      }
      const next = TextDocument.update(doc, changes, version);
      if (edit) lastEdit.set(doc.uri, { before, edit });
      else lastEdit.delete(doc.uri);
      return next;
    },
  });
  const linter = new Linter({ rules: options.rules });
  const docs = new RuleDocs();
  const loader = new LintSettingsLoader();
  let settings: ServerSettings = {};
  let watchDynamically = false;
  let supportsFolderEvents = false;
  /** Workspace folders (file-system paths). */
  let pendingFolders: string[] = [];
  const problems = new Map<string, { all: number; errors: number }>();
  const log = (m: string) => connection.console.log(m);
  const workerMinChars = options.workerMinChars ?? DEFAULT_WORKER_MIN_CHARS;
  const tokens = new SemanticTokensCache();
  const tokenResults = new SemanticTokensResults();
  const quick = new QuickDiagnostics(undefined, (uri, before, update) => tokens.edited(uri, before, update));
  /** Documents linted in the worker get quick diagnostics after each edit. */
  const quickFor = (text: string) => options.worker !== undefined && text.length >= workerMinChars;

  const service = new LintService(
    linter,
    loader,
    {
      openDocument: (uri) => documents.get(uri),
      openUris: () => documents.keys(),
      publish: (uri, linted) => publish(uri, linted),
      log,
      onRun: (phase, stats) => {
        let total = 0;
        let errors = 0;
        for (const n of problems.values()) {
          total += n.all;
          errors += n.errors;
        }
        void connection.sendNotification(STATUS_NOTIFICATION, {
          state: phase === 'start' ? 'linting' : 'ready',
          files: stats.files,
          problems: total,
          errors,
          ms: Math.round(stats.ms),
        });
      },
      wantsSnapshot: (uri) => {
        const text = documents.get(uri)?.getText();
        return text !== undefined && quickFor(text) && quick.wantsSnapshot(uri, text);
      },
      onSnapshot: (uri, snapshot) => quick.snapshotReady(uri, snapshot),
    },
    { crossFile: true, debounceMs: options.debounceMs ?? 5, workerMinChars },
    options.worker,
  );

  function publish(uri: string, linted: LintedFile | null): void {
    const diagnostics = linted ? linted.diagnostics.map((d) => toLspDiagnostic(d, docs)) : [];
    if (linted) problems.set(uri, { all: diagnostics.length, errors: linted.diagnostics.filter((d) => d.severity === 'error').length });
    else problems.delete(uri);
    const doc = documents.get(uri);
    if (linted && doc && linted.version === doc.version && quickFor(doc.getText())) quick.linted(uri, doc.getText(), linted.diagnostics, linted.secrets);
    else quick.forget(uri);
    void connection.sendDiagnostics({ uri, ...(linted?.version != null ? { version: linted.version } : {}), diagnostics });
  }

  function applySettings(next: ServerSettings | undefined): void {
    settings = { ...settings, ...(next ?? {}) };
    // A relative configPath is relative to the (first) workspace folder.
    const configPath = settings.configPath && pendingFolders[0] ? path.resolve(pendingFolders[0], settings.configPath) : settings.configPath;
    loader.setExplicitFile(configPath || undefined);
    service.options = { ...service.options, crossFile: settings.crossFile !== false, routerosVersion: settings.routerosVersion || undefined };
  }

  /** The current result for a document, relinting first if the text moved on. */
  function current(uri: string): LintedFile | undefined {
    const key = normalizeUri(uri);
    service.flush();
    return service.get(key) ?? service.get(uri);
  }

  function guard<P, R>(name: string, fallback: R, fn: (p: P) => R): (p: P) => R {
    return (p: P) => {
      try {
        return fn(p);
      } catch (err) {
        log(`${name} failed: ${errorLine(err)}`);
        return fallback;
      }
    };
  }

  connection.onInitialize((params): InitializeResult => {
    watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    supportsFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
    const folders = params.workspaceFolders?.map((f) => uriToFile(f.uri)) ?? (params.rootUri ? [uriToFile(params.rootUri)] : []);
    pendingFolders = folders.filter((f) => f.startsWith('/') || /^[a-z]:/i.test(f));
    applySettings(params.initializationOptions as ServerSettings | undefined);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        completionProvider: { triggerCharacters: ['/', ' ', '='] },
        semanticTokensProvider: { legend: LEGEND, full: { delta: true } },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'roslint-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.rsc' }, { globPattern: '**/*.conf' }, { globPattern: `**/${CONFIG_FILE_NAME}` }],
      });
    }
    service.setFolders(pendingFolders);
    options.worker?.warm();
    if (supportsFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guard('workspace folders', undefined, (e) => {
          const removed = new Set(e.removed.map((f) => uriToFile(f.uri)));
          pendingFolders = [...pendingFolders.filter((f) => !removed.has(f)), ...e.added.map((f) => uriToFile(f.uri))];
          service.setFolders(pendingFolders);
        }),
      );
    }
  });

  connection.onDidChangeConfiguration(
    guard('configuration', undefined, (params) => {
      const s = (params.settings as { roslint?: ServerSettings } | undefined)?.roslint;
      if (s) applySettings(s);
      service.relintAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('watched files', undefined, (params) => {
      for (const change of params.changes) {
        const uri = normalizeUri(change.uri);
        if (uri.endsWith(`/${CONFIG_FILE_NAME}`)) {
          loader.invalidate();
          service.relintAll();
          continue;
        }
        const kind = change.type === FileChangeType.Deleted ? 'deleted' : change.type === FileChangeType.Created ? 'created' : 'changed';
        service.diskChanged(uri, kind);
      }
    }),
  );

  // TextDocuments follows each open with a content change of the same text: that one is not typing.
  const opening = new Set<string>();
  documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    service.changed(e.document.uri, false);
  });
  documents.onDidChangeContent((e) => {
    guard('quick diagnostics', undefined, publishQuick)(e.document);
    service.changed(e.document.uri, !opening.delete(e.document.uri));
  });
  documents.onDidClose((e) => {
    options.worker?.forget(uriToFile(e.document.uri));
    quick.forget(e.document.uri);
    tokens.forget(e.document.uri);
    tokenResults.forget(e.document.uri);
    lastEdit.delete(e.document.uri);
    service.closed(e.document.uri);
  });

  /** A large document's diagnostics right after an edit, before its complete lint is back. */
  function publishQuick(doc: TextDocument): void {
    const text = doc.getText();
    if (!quickFor(text)) return;
    const file = uriToFile(doc.uri);
    const change = lastEdit.get(doc.uri);
    lastEdit.delete(doc.uri);
    const diagnostics = quick.changed(doc.uri, file, text, loader.settingsFor(file).severities, change);
    const before = diagnostics ? undefined : quick.snapshotWanted(doc.uri);
    if (before !== undefined && options.worker) {
      options.worker.snapshot(file, before).then(
        (s) => quick.snapshotReady(doc.uri, { file: s.file, source: new SourceText(before), statements: s.statements, problems: s.problems, reusable: s.reusable }),
        (err: unknown) => log(`syntax snapshot: ${errorLine(err)}`),
      );
    }
    if (diagnostics) void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: diagnostics.map((d) => toLspDiagnostic(d, docs)) });
  }

  /**
   * A request answered from the document's model, for the document version the client sees.
   * Documents linted in the worker are answered there, from its model of that version: the request
   * thread never builds a 20 MB model (5-9 s with nothing else answered). A request that arrives
   * while that version is still being linted waits for the lint (without blocking: other requests
   * are answered meanwhile) and is then answered from the new model; if the document is edited
   * again first, it is answered empty (its positions refer to a version that is gone; the client
   * asks again). Documents linted here are answered at once, as before.
   */
  function fromModel(uri: string, request: ModelRequest): Promise<ModelAnswer> {
    const empty = emptyAnswer(request);
    return new Promise((resolve) => {
      const fail = (where: string) => (err: unknown) => {
        log(`${request.kind}${where} failed: ${errorLine(err)}`);
        resolve(empty);
      };
      const doc = documents.get(uri);
      const key = doc ? uri : normalizeUri(uri);
      const answer = (linted: LintedFile | undefined, retried: boolean) => {
        try {
          if (!linted) return resolve(empty);
          if (!linted.fromWorker) {
            // The group's models that are here (a member still holding a worker result is left out:
            // its model is in the worker, and the group's next lint moves it there too).
            const group = service.group(linted.uri).filter((g) => g === linted || !g.fromWorker);
            return resolve(answerModelRequest(request, linted, group.map((g) => g.config), docs));
          }
          const job = linted.workerJob();
          if (job === undefined || !options.worker) return resolve(empty); // its lint failed: no model anywhere
          const groupFiles = service.group(linted.uri).map((g) => g.file);
          options.worker.model(job, linted.file, linted.uri, request, groupFiles).then((a) => {
            // Dropped by a relint of the file (or its group) that ran meanwhile: answered from its result.
            if (a.missing && !retried && (service.pending(key) || service.get(key) !== linted)) service.whenLinted(key, doc?.version, (next) => answer(next, true), linted);
            else resolve(a.missing ? empty : ((a.value ?? empty) as ModelAnswer));
          }, fail(' (worker)'));
        } catch (err) {
          fail('')(err);
        }
      };
      try {
        service.whenLinted(key, doc?.version, (linted) => answer(linted, false));
      } catch (err) {
        fail('')(err);
      }
    });
  }

  connection.onCodeAction((params) => fromModel(params.textDocument.uri, { kind: 'codeActions', range: params.range, only: params.context.only }) as Promise<CodeAction[]>);
  connection.onHover((params) => fromModel(params.textDocument.uri, { kind: 'hover', position: params.position, routerosVersion: settings.routerosVersion }) as Promise<Hover | null>);
  connection.onDefinition((params) => fromModel(params.textDocument.uri, { kind: 'definition', position: params.position }) as Promise<Location[]>);
  connection.onReferences(
    (params) => fromModel(params.textDocument.uri, { kind: 'references', position: params.position, includeDeclaration: params.context.includeDeclaration }) as Promise<Location[]>,
  );
  connection.onCompletion(
    (params) => fromModel(params.textDocument.uri, { kind: 'completion', position: params.position, routerosVersion: settings.routerosVersion }) as Promise<CompletionItem[]>,
  );

  connection.onDocumentSymbol(
    guard('symbols', [], (params) => {
      const linted = current(params.textDocument.uri);
      return linted ? linted.documentSymbols() : [];
    }),
  );

  connection.onFoldingRanges(
    guard('folding', [], (params) => {
      // From the text alone: no lint or model needed.
      const doc = documents.get(params.textDocument.uri);
      if (doc) return foldingRanges(new SourceText(doc.getText()));
      const linted = current(params.textDocument.uri);
      return linted ? foldingRanges(linted.config.source) : [];
    }),
  );

  const tokensOf = (uri: string) => {
    const doc = documents.get(uri);
    if (!doc) return { data: [] };
    const text = doc.getText();
    // Large documents: kept up to date with each edit's re-parsed statements.
    return quickFor(text) ? tokens.tokens(doc.uri, text, uriToFile(doc.uri)) : semanticTokens(text, uriToFile(doc.uri));
  };
  connection.languages.semanticTokens.on(
    guard('semantic tokens', { data: [] }, (params) => tokenResults.full(params.textDocument.uri, tokensOf(params.textDocument.uri))),
  );
  connection.languages.semanticTokens.onDelta(
    guard('semantic tokens', { data: [] }, (params) =>
      tokenResults.delta(params.textDocument.uri, params.previousResultId, tokensOf(params.textDocument.uri)),
    ),
  );

  connection.onShutdown(() => service.dispose());
  documents.listen(connection);
  connection.listen();
}
