/**
 * A minimal LSP client for tests: spawns the built `roslint-language-server --stdio` and talks to
 * it with vscode-languageserver-protocol, the way an editor does.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Protocol from 'vscode-languageserver-protocol/node.js';

// The protocol packages are dev dependencies of the language server package, not of the root.
const requireFromServer = createRequire(fileURLToPath(new URL('../../packages/language-server/package.json', import.meta.url)));
const P = requireFromServer('vscode-languageserver-protocol/node') as typeof Protocol;

export const SERVER_BIN = fileURLToPath(new URL('../../packages/language-server/bin/roslint-language-server.js', import.meta.url));

export const uriOf = (file: string) => pathToFileURL(file).href;

export interface TestClient {
  connection: Protocol.ProtocolConnection;
  child: ChildProcessWithoutNullStreams;
  initializeResult: Protocol.InitializeResult;
  stderr: () => string;
  /** Latest diagnostics per URI. */
  diagnostics: Map<string, Protocol.PublishDiagnosticsParams>;
  statuses: unknown[];
  /** window/logMessage texts (the server logs every feature that failed). */
  logs: string[];
  waitForDiagnostics(uri: string, accept?: (d: Protocol.Diagnostic[]) => boolean, timeoutMs?: number): Promise<Protocol.Diagnostic[]>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, version: number, text: string): void;
  close(uri: string): void;
  request<R>(method: string, params: unknown): Promise<R>;
  stop(): Promise<number | null>;
}

export async function startClient(
  options: { rootDir?: string; env?: Record<string, string>; initializationOptions?: unknown; bin?: string; cwd?: string } = {},
): Promise<TestClient> {
  const child = spawn(process.execPath, [options.bin ?? SERVER_BIN, '--stdio'], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: 'pipe',
  });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const connection = P.createProtocolConnection(new P.StreamMessageReader(child.stdout), new P.StreamMessageWriter(child.stdin));
  const diagnostics = new Map<string, Protocol.PublishDiagnosticsParams>();
  const statuses: unknown[] = [];
  const waiters: (() => void)[] = [];
  connection.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p);
    for (const w of [...waiters]) w();
  });
  connection.onNotification('roslint/status', (s: unknown) => statuses.push(s));
  const logs: string[] = [];
  connection.onNotification(P.LogMessageNotification.type, (m) => logs.push(m.message));
  connection.onRequest(P.RegistrationRequest.type, () => undefined);
  connection.onRequest(P.ConfigurationRequest.type, () => []);
  connection.listen();

  const rootUri = options.rootDir ? uriOf(options.rootDir) : null;
  const initializeResult = await connection.sendRequest(P.InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
    capabilities: {
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
      workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
    },
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification(P.InitializedNotification.type, {});

  const client: TestClient = {
    connection,
    child,
    initializeResult,
    stderr: () => err,
    diagnostics,
    statuses,
    logs,
    waitForDiagnostics(uri, accept = () => true, timeoutMs = 15000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const d = diagnostics.get(uri);
          if (d && accept(d.diagnostics)) {
            waiters.splice(waiters.indexOf(check), 1);
            clearTimeout(timer);
            resolve(d.diagnostics);
          }
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check), 1);
          reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(diagnostics.get(uri)?.diagnostics.map((x) => x.code))}; stderr: ${err}`));
        }, timeoutMs);
        waiters.push(check);
        check();
      });
    },
    open(uri, text, version = 1) {
      void connection.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'routeros', version, text } });
    },
    change(uri, version, text) {
      void connection.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    close(uri) {
      void connection.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    request<R>(method: string, params: unknown) {
      return connection.sendRequest(method, params) as Promise<R>;
    },
    async stop() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await connection.sendRequest(P.ShutdownRequest.type);
      await connection.sendNotification(P.ExitNotification.type);
      const timer = setTimeout(() => child.kill(), 5000);
      const code = await exited;
      clearTimeout(timer);
      connection.dispose();
      return code;
    },
  };
  return client;
}
