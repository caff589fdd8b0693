/**
 * The VS Code side: starts the bundled roslint language server for `routeros` documents, passes
 * the `roslint.*` settings, and shows the server's state in the status bar.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

interface Status {
  state: 'linting' | 'ready';
  files: number;
  problems: number;
  errors: number;
  ms: number;
}

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem | undefined;

function settings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('roslint');
  return { configPath: c.get('configPath') || undefined, routerosVersion: c.get('routerosVersion') || undefined, crossFile: c.get('crossFile', true) };
}

function showStatus(text: string, tooltip: string): void {
  if (!statusItem) return;
  statusItem.text = text;
  statusItem.tooltip = tooltip;
  statusItem.show();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.mjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'routeros' }],
    initializationOptions: settings(),
    synchronize: {
      configurationSection: 'roslint',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.rsc,*.conf,roslint.config.json}'),
    },
  };
  client = new LanguageClient('roslint', 'roslint', serverOptions, clientOptions);
  showStatus('$(sync~spin) roslint', 'roslint: starting');
  client.onNotification('roslint/status', (s: Status) => {
    if (s.state === 'linting') showStatus('$(sync~spin) roslint', `roslint: linting ${s.files} file(s)`);
    else {
      const icon = s.errors > 0 ? '$(error)' : s.problems > 0 ? '$(warning)' : '$(check)';
      showStatus(`${icon} roslint${s.problems > 0 ? ` ${s.problems}` : ''}`, `roslint: ${s.problems} problem(s), ${s.errors} error(s); last run ${s.files} file(s) in ${s.ms} ms`);
    }
  });
  try {
    await client.start();
  } catch (err) {
    showStatus('$(error) roslint', `roslint: the language server did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  statusItem.command = 'roslint.showOutput';
  statusItem.name = 'roslint';
  context.subscriptions.push(
    statusItem,
    vscode.commands.registerCommand('roslint.showOutput', () => client?.outputChannel.show()),
    vscode.commands.registerCommand('roslint.restart', async () => {
      await client?.stop();
      await start(context);
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
