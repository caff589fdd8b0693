/**
 * `roslint` entry point. Exit codes: 0 no errors, 1 errors found, 2 usage error, unreadable
 * file or internal failure (a one-line message on stderr, never a stack trace).
 */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CONFIG_FILE_NAMES,
  ConfigLoader,
  formatConfigError,
  INTERNAL_ERROR,
  redact,
  UNUSED_DIRECTIVE,
  type LintResult,
  type Rule,
} from '@roslint/core';
import { builtinRules } from '@roslint/rules';
import { parseArgs, type CliOptions } from './args.js';
import { unifiedDiff } from './diff.js';
import { collectFiles } from './files.js';
import { fixFiles } from './fix-run.js';
import { getFormatter } from './formatters/index.js';
import { starterConfigText } from './init.js';
import { lintFilesAsync, type FileInput, type FileSettings } from './lint-run.js';
import { readRuleDoc } from './rule-docs.js';
import { writeFileAtomic } from './write-atomic.js';

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

/** The rule `--network-strict` configures (its option shape: rules/topology/unpaired-peer.ts). */
const UNPAIRED_PEER = 'topology/unpaired-peer';

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

function knownRule(rules: readonly Rule[]): (id: string) => boolean {
  const ids = new Set(rules.map((r) => r.meta.id));
  return (id) => ids.has(id) || NON_RULE_PREFIXES.some((p) => id.startsWith(p));
}

/** A one-line failure that ends the run with exit code 2. */
class CliFailure extends Error {}

function configLoader(options: CliOptions, io: CliIo, rules: readonly Rule[]): ConfigLoader {
  if (typeof options.config === 'string' && !existsSync(path.resolve(io.cwd, options.config))) {
    throw new CliFailure(`cannot read configuration file "${options.config}": no such file`);
  }
  return new ConfigLoader({
    cwd: io.cwd,
    configFile: typeof options.config === 'string' ? options.config : undefined,
    noConfig: options.config === false,
    isKnownRule: knownRule(rules),
  });
}

/** Configuration file settings, then command-line flags on top. */
function settingsFor(file: string, options: CliOptions, loader: ConfigLoader): FileSettings & { ignored: boolean } {
  const config = loader.configFor(file);
  if (config.error) throw new CliFailure(formatConfigError(config.error));
  const severities = { ...config.severities, ...options.severities };
  if (options.reportUnusedDirectives && options.severities[UNUSED_DIRECTIVE] === undefined) severities[UNUSED_DIRECTIVE] = 'error';
  const ruleOptions = { ...config.ruleOptions };
  if (options.networkStrict) {
    const current = ruleOptions[UNPAIRED_PEER];
    ruleOptions[UNPAIRED_PEER] = { ...(typeof current === 'object' && current !== null ? current : {}), networkStrict: true };
  }
  return {
    severities,
    ruleOptions,
    routerosVersion: options.routerosVersion ?? config.routerosVersion,
    inlineConfig: options.inlineConfig,
    ignores: config.ignores,
    networkKey: config.network === undefined ? '' : `${config.configFile}\u0000${config.network}`,
    ignored: config.ignored,
  };
}

function printConfig(file: string, options: CliOptions, io: CliIo, rules: readonly Rule[]): number {
  const loader = configLoader(options, io, rules);
  const resolved = loader.configFor(file);
  if (resolved.error) throw new CliFailure(formatConfigError(resolved.error));
  const settings = settingsFor(file, options, loader);
  const out = {
    configFile: resolved.configFile ?? null,
    ignored: resolved.ignored,
    routerosVersion: settings.routerosVersion ?? null,
    rules: Object.fromEntries(
      [...rules]
        .sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))
        .map((r) => {
          const level = settings.severities[r.meta.id] ?? r.meta.defaultSeverity;
          const opts = settings.ruleOptions[r.meta.id];
          return [r.meta.id, opts === undefined ? level : [level, opts]];
        }),
    ),
    network: resolved.network ?? null,
    networks: resolved.networks,
    ignores: resolved.ignores.map(({ baseDir: _baseDir, ...e }) => e),
  };
  io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

async function init(io: CliIo, rules: readonly Rule[]): Promise<number> {
  const target = path.join(io.cwd, CONFIG_FILE_NAMES[0]);
  const existing = CONFIG_FILE_NAMES.find((n) => existsSync(path.join(io.cwd, n)));
  if (existing) throw new CliFailure(`${existing} already exists; not overwriting it`);
  await fs.writeFile(target, starterConfigText(knownRule(rules)), { flag: 'wx' });
  io.stdout(`Wrote ${CONFIG_FILE_NAMES[0]}\n`);
  return 0;
}

function explain(id: string, io: CliIo, rules: readonly Rule[]): number {
  if (!rules.some((r) => r.meta.id === id)) throw new CliFailure(`unknown rule "${id}" (see roslint --list-rules)`);
  const doc = readRuleDoc(id);
  if (doc === undefined) throw new CliFailure(`the documentation of "${id}" is not installed`);
  io.stdout(doc.endsWith('\n') ? doc : `${doc}\n`);
  return 0;
}

async function readInputs(options: CliOptions, io: CliIo, loader: ConfigLoader): Promise<{ inputs: FileInput[]; failed: boolean }> {
  const inputs: FileInput[] = [];
  if (options.stdin) {
    const content = await io.readStdin();
    const settings = settingsFor(path.resolve(io.cwd, options.stdinFilename.startsWith('<') ? 'stdin.rsc' : options.stdinFilename), options, loader);
    inputs.push({ file: options.stdinFilename, content, settings });
    return { inputs, failed: false };
  }
  const collected = await collectFiles(options.patterns, io.cwd);
  for (const e of collected.errors) io.stderr(`roslint: ${e}\n`);
  let failed = collected.errors.length > 0;
  const wanted: { file: string; settings: FileInput['settings'] }[] = [];
  for (const file of collected.files) {
    const settings = settingsFor(file, options, loader);
    if (!settings.ignored) wanted.push({ file, settings });
  }
  const contents = await readFiles(wanted.map((w) => path.resolve(io.cwd, w.file)));
  wanted.forEach(({ file, settings }, i) => {
    const content = contents[i]!;
    if (content instanceof Uint8Array) inputs.push({ file, content, settings });
    else {
      io.stderr(`roslint: cannot read "${file}": ${content.code}\n`);
      failed = true;
    }
  });
  return { inputs, failed };
}

/** Files read at once (a bound: each holds a descriptor while it is read). */
const READS_IN_FLIGHT = 32;

/**
 * Each file's bytes, or the error code that stopped its read, in order. Several reads are in
 * flight: one at a time, each waited for its round trips to the thread pool, and 1,000 router
 * files took ~200 ms with the process idle.
 */
async function readFiles(files: readonly string[]): Promise<(Uint8Array | { code: string })[]> {
  const out: (Uint8Array | { code: string })[] = new Array(files.length);
  let next = 0;
  const reader = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      try {
        out[i] = await fs.readFile(files[i]!);
      } catch (err) {
        out[i] = { code: (err as NodeJS.ErrnoException).code ?? 'read error' };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, files.length) }, reader));
  return out;
}

function redactedText(text: string, spans: LintResult['secretSpans']): string {
  return redact(text, spans);
}

async function runFixes(options: CliOptions, io: CliIo, rules: readonly Rule[], inputs: FileInput[]): Promise<{ results: LintResult[]; failed: boolean }> {
  const { results, outcomes } = fixFiles(rules, inputs);
  let failed = false;
  for (const o of outcomes) {
    for (const note of o.notes) io.stderr(`roslint: ${note}\n`);
    if (!o.bytes) continue;
    if (options.fixDryRun) {
      // Context lines can hold keys: both sides are redacted with their own secret spans.
      io.stdout(unifiedDiff(o.file.split(path.sep).join('/'), redactedText(o.before, o.beforeSecrets), redactedText(o.after, o.afterSecrets)));
      continue;
    }
    try {
      await writeFileAtomic(path.resolve(io.cwd, o.file), o.bytes);
    } catch (err) {
      io.stderr(`roslint: cannot write "${o.file}": ${(err as NodeJS.ErrnoException).code ?? 'write error'}\n`);
      failed = true;
    }
  }
  return { results, failed };
}

async function run(options: CliOptions, io: CliIo, rules: readonly Rule[]): Promise<number> {
  const known = knownRule(rules);
  for (const id of Object.keys(options.severities)) {
    if (!known(id)) throw new CliFailure(`unknown rule "${id}" in --rule (see roslint --list-rules)`);
  }
  const format = getFormatter(options.format)!;
  const loader = configLoader(options, io, rules);
  const read = await readInputs(options, io, loader);
  let failed = read.failed;
  let results: LintResult[];
  if (options.fix || options.fixDryRun) {
    const fixed = await runFixes(options, io, rules, read.inputs);
    results = fixed.results;
    failed ||= fixed.failed;
  } else {
    results = await lintFilesAsync(rules, read.inputs);
  }

  const all = results.flatMap((r) => r.diagnostics);
  const warnings = all.filter((d) => d.severity === 'warning').length;
  const shown = options.quiet ? results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') })) : results;
  const color = options.outputFile ? false : useColor(options.color, io);
  const text = format(shown, { cwd: io.cwd, color, rules: rules.map((r) => r.meta), toolVersion: cliVersion() });
  if (options.outputFile) {
    const target = path.resolve(io.cwd, options.outputFile);
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, text);
    } catch (err) {
      throw new CliFailure(`cannot write "${options.outputFile}": ${(err as NodeJS.ErrnoException).code ?? 'write error'}`);
    }
  } else if (text) io.stdout(text);

  if (failed || all.some((d) => d.ruleId === INTERNAL_ERROR)) return 2;
  if (all.some((d) => d.severity === 'error')) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    io.stderr(`roslint: too many warnings (${warnings}; --max-warnings is ${options.maxWarnings})\n`);
    return 1;
  }
  return 0;
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
    if (parsed.kind === 'explain') return explain(parsed.ruleId, io, rules);
    const options = parsed.options;
    if (options.listRules) {
      io.stdout(listRules(rules));
      return 0;
    }
    if (options.init) return await init(io, rules);
    if (options.printConfig !== undefined) return printConfig(options.printConfig, options, io, rules);
    return await run(options, io, rules);
  } catch (err) {
    if (err instanceof CliFailure) {
      io.stderr(`roslint: ${err.message.split('\n')[0]}\n`);
      return 2;
    }
    const msg = err instanceof Error ? err.message : String(err);
    io.stderr(`roslint: internal error: ${msg.split('\n')[0]}\n`);
    return 2;
  }
}
