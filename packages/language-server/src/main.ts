/**
 * `roslint-language-server --stdio` (also `--node-ipc`, `--socket=N`, chosen by
 * vscode-languageserver from argv).
 *
 * Environment: ROSLINT_EXTRA_RULES (see rules.ts), ROSLINT_LS_WORKER_MIN_CHARS (see lint-service.ts).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { LintWorkerClient } from './lint-worker-client.js';
import { loadRules } from './rules.js';
import { startServer } from './server.js';

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--version')) {
    process.stdout.write('0.1.0\n');
    return;
  }
  if (argv.includes('--help') || !argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
    process.stderr.write('usage: roslint-language-server --stdio\n');
    process.exitCode = argv.includes('--help') ? 0 : 2;
    return;
  }
  // A bug in one request must not end the editor's session.
  process.on('uncaughtException', (err) => process.stderr.write(`roslint-language-server: ${err.message}\n`));
  const extra = process.env.ROSLINT_EXTRA_RULES;
  const rules = await loadRules(extra, (m) => process.stderr.write(`roslint-language-server: ${m}\n`));
  // ROSLINT_LS_WORKER_MIN_CHARS: from which input size lints run off the request thread.
  const min = Number(process.env.ROSLINT_LS_WORKER_MIN_CHARS);
  startServer(createConnection(ProposedFeatures.all), {
    rules,
    worker: new LintWorkerClient(extra),
    workerMinChars: Number.isFinite(min) && process.env.ROSLINT_LS_WORKER_MIN_CHARS !== '' ? min : undefined,
  });
}
