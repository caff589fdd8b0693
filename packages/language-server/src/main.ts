/**
 * `roslint-language-server --stdio` (also `--node-ipc`, `--socket=N`, chosen by
 * vscode-languageserver from argv).
 *
 * ROSLINT_EXTRA_RULES: comma-separated module paths whose `rules` export is added to the built-in
 * rules (for trying a rule in the editor before it is built in; the protocol tests use it).
 */
import { builtinRules } from '@roslint/rules';
import type { Rule } from '@roslint/core';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './server.js';

async function extraRules(): Promise<Rule[]> {
  const spec = process.env.ROSLINT_EXTRA_RULES;
  if (!spec) return [];
  const out: Rule[] = [];
  for (const p of spec.split(',').filter(Boolean)) {
    try {
      const mod = (await import(pathToFileURL(path.resolve(p)).href)) as { rules?: Rule[]; default?: Rule[] };
      out.push(...(mod.rules ?? mod.default ?? []));
    } catch (err) {
      process.stderr.write(`roslint-language-server: cannot load rules from ${p}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  return out;
}

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
  const rules = [...builtinRules, ...(await extraRules())];
  startServer(createConnection(ProposedFeatures.all), { rules });
}
