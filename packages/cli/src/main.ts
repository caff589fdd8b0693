/**
 * `roslint` entry point. Exit codes: 0 no errors, 1 errors found, 2 usage error, unreadable
 * file or internal failure (a one-line message on stderr, never a stack trace).
 */
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Linter, INTERNAL_ERROR, type LintResult, type Rule } from '@roslint/core';
import { builtinRules } from '@roslint/rules';
import { parseArgs, type CliOptions } from './args.js';
import { collectFiles } from './files.js';
import { getFormatter } from './formatters/index.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<Uint8Array>;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
}

/** Diagnostics that come from the parser, model or linter rather than from a rule. */
const NON_RULE_PREFIXES = ['syntax/', 'model/', 'roslint/'];

function cliVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

function processIo(): CliIo {
  // `roslint … | head`: a closed pipe is not a failure worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`roslint: cannot write output: ${err.code ?? err.message}\n`);
    process.exit(2);
  });
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () => readAll(process.stdin),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
  };
}

/** Colours: an explicit flag wins, then NO_COLOR (https://no-color.org), FORCE_COLOR, a TTY. */
export function useColor(flag: boolean | undefined, io: Pick<CliIo, 'env' | 'stdoutIsTTY'>): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return io.stdoutIsTTY && io.env.TERM !== 'dumb';
}

function listRules(rules: readonly Rule[]): string {
  if (rules.length === 0) return 'No rules are available.\n';
  const sorted = [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  const idWidth = Math.max(...sorted.map((r) => r.meta.id.length));
  const lines = sorted.map(
    (r) => `${r.meta.id.padEnd(idWidth)}  ${r.meta.defaultSeverity.padEnd(7)}  ${(r.meta.fixable ? 'fixable' : '').padEnd(7)}  ${r.meta.summary}`,
  );
  return `${lines.join('\n')}\n`;
}

function unknownRule(id: string, rules: readonly Rule[]): boolean {
  return !rules.some((r) => r.meta.id === id) && !NON_RULE_PREFIXES.some((p) => id.startsWith(p));
}

async function run(options: CliOptions, io: CliIo, rules: readonly Rule[]): Promise<number> {
  for (const id of Object.keys(options.severities)) {
    if (unknownRule(id, rules)) {
      io.stderr(`roslint: unknown rule "${id}" in --rule (see roslint --list-rules)\n`);
      return 2;
    }
  }
  const format = getFormatter(options.format)!;
  let failed = false;
  const inputs: { file: string; content: Uint8Array }[] = [];
  if (options.stdin) {
    inputs.push({ file: options.stdinFilename, content: await io.readStdin() });
  } else {
    const collected = await collectFiles(options.patterns, io.cwd);
    for (const e of collected.errors) io.stderr(`roslint: ${e}\n`);
    failed = collected.errors.length > 0;
    for (const file of collected.files) {
      try {
        inputs.push({ file, content: await fs.readFile(path.resolve(io.cwd, file)) });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'read error';
        io.stderr(`roslint: cannot read "${file}": ${code}\n`);
        failed = true;
      }
    }
  }

  const linter = new Linter({ rules });
  const lintOptions = { severities: options.severities, routerosVersion: options.routerosVersion };
  let results: LintResult[] = [];
  if (inputs.length === 1) results = [linter.lintText(inputs[0]!.content, { ...lintOptions, file: inputs[0]!.file })];
  else if (inputs.length > 1) results = linter.lintMany(inputs, lintOptions);

  const color = useColor(options.color, io);
  const text = format(results, { cwd: io.cwd, color });
  if (text) io.stdout(text);

  const diagnostics = results.flatMap((r) => r.diagnostics);
  if (failed || diagnostics.some((d) => d.ruleId === INTERNAL_ERROR)) return 2;
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

export async function main(argv: readonly string[], io: CliIo = processIo(), rules: readonly Rule[] = builtinRules): Promise<number> {
  try {
    const parsed = await parseArgs(argv, cliVersion());
    if (parsed.kind === 'usage-error') {
      io.stderr(`roslint: ${parsed.message.split('\n')[0]} (see roslint --help)\n`);
      return 2;
    }
    if (parsed.kind === 'print') {
      io.stdout(parsed.text);
      return 0;
    }
    if (parsed.options.listRules) {
      io.stdout(listRules(rules));
      return 0;
    }
    return await run(parsed.options, io, rules);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    io.stderr(`roslint: internal error: ${msg.split('\n')[0]}\n`);
    return 2;
  }
}
