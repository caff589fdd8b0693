/**
 * Command-line arguments → CliOptions. Usage errors come back as values (exit code 2), never as
 * exceptions or process exits, so `main` decides what is printed.
 */
import yargs from 'yargs';
import type { SeveritySetting } from '@roslint/core';
import { formatterNames } from './formatters/index.js';

export interface CliOptions {
  patterns: string[];
  stdin: boolean;
  stdinFilename: string;
  format: string;
  /** Explicit `--color` / `--no-color`; undefined = decide from the environment. */
  color: boolean | undefined;
  severities: Record<string, SeveritySetting>;
  routerosVersion: string | undefined;
  listRules: boolean;
  outputFile: string | undefined;
  /** `--config <file>`; `false` for `--no-config`. */
  config: string | false | undefined;
  /** -1 = no limit. */
  maxWarnings: number;
  quiet: boolean;
  inlineConfig: boolean;
  reportUnusedDirectives: boolean;
  printConfig: string | undefined;
  init: boolean;
  fix: boolean;
  fixDryRun: boolean;
  networkStrict: boolean;
}

export type ParsedArgs =
  | { kind: 'run'; options: CliOptions }
  /** `--help` / `--version`: text to print, exit 0. */
  | { kind: 'print'; text: string }
  /** `roslint explain <rule>`. */
  | { kind: 'explain'; ruleId: string }
  | { kind: 'usage-error'; message: string };

const LEVELS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/** `id=level` → [id, level]; `warn` is accepted as `warning`. */
export function parseRuleFlag(flag: string): [string, SeveritySetting] | string {
  const eq = flag.lastIndexOf('=');
  if (eq <= 0) return `--rule expects id=off|info|warning|error, got "${flag}"`;
  const id = flag.slice(0, eq).trim();
  let level = flag.slice(eq + 1).trim().toLowerCase();
  if (level === 'warn') level = 'warning';
  if (!(LEVELS as readonly string[]).includes(level)) {
    return `--rule ${id}: unknown level "${flag.slice(eq + 1)}" (use off, info, warning or error)`;
  }
  return [id, level as SeveritySetting];
}

const VERSION_RE = /^\d+\.\d+(?:\.\d+)?$/;

export function parseArgs(argv: readonly string[], version: string): Promise<ParsedArgs> {
  return new Promise((resolve) => {
    let failure: string | undefined;
    const parser = yargs()
      .scriptName('roslint')
      .usage('Usage: roslint [options] [files|dirs|globs…]\n\nLint MikroTik RouterOS .rsc files. Without arguments, lints the current directory.')
      .option('format', { alias: 'f', type: 'string', default: 'stylish', describe: `Output format: ${formatterNames().join(', ')}` })
      .option('stdin', { type: 'boolean', default: false, describe: 'Lint text read from standard input (same as "-")' })
      .option('stdin-filename', { type: 'string', describe: 'File name used for standard input in output' })
      // Not `array: true`, which would swallow the file arguments after it; repeats collect anyway.
      .option('rule', { type: 'string', describe: 'Set a rule severity: id=off|info|warning|error (repeatable)' })
      .option('routeros-version', { type: 'string', describe: 'RouterOS version to check against, e.g. 7.19 (default: from the export header)' })
      .option('list-rules', { type: 'boolean', default: false, describe: 'List the available rules and exit' })
      .option('color', { type: 'boolean', describe: 'Force colours on (--color) or off (--no-color)' })
      .option('output-file', { alias: 'o', type: 'string', describe: 'Write the report to this file instead of standard output' })
      .option('config', { alias: 'c', type: 'string', describe: 'Use this configuration file (--no-config: use none)' })
      .option('max-warnings', { type: 'number', describe: 'Exit 1 when there are more than this many warnings' })
      .option('quiet', { type: 'boolean', default: false, describe: 'Report errors only' })
      .option('inline-config', { type: 'boolean', default: true, describe: 'Honour roslint-disable / roslint-ignore comments (--no-inline-config: ignore them)' })
      .option('report-unused-directives', { type: 'boolean', default: false, describe: 'Report suppression comments that suppress nothing as errors' })
      .option('print-config', { type: 'string', describe: 'Print the configuration that applies to this file and exit' })
      .option('init', { type: 'boolean', default: false, describe: 'Write a starter roslint.config.json in the current directory' })
      .option('fix', { type: 'boolean', default: false, describe: 'Apply safe fixes to the files' })
      .option('fix-dry-run', { type: 'boolean', default: false, describe: 'Print the fixes as a unified diff; change nothing' })
      .option('network-strict', { type: 'boolean', default: false, describe: 'Report peers whose other end is not among the linted files' })
      .example('roslint router.rsc', 'Lint one file')
      .example('roslint explain wireguard/mtu', 'Print the documentation of a rule')
      .example('roslint configs/', 'Lint every .rsc file under configs/ as one network')
      .example('cat router.rsc | roslint --stdin --stdin-filename router.rsc', 'Lint standard input')
      .version(version)
      .help('help')
      .alias('help', 'h')
      .strictOptions(true)
      .wrap(null)
      .exitProcess(false)
      .fail((msg, err) => {
        failure = msg ?? err?.message ?? 'invalid arguments';
      });

    parser.parse([...argv], {}, (err, raw, output) => {
      if (failure !== undefined || err) {
        resolve({ kind: 'usage-error', message: failure ?? err?.message ?? 'invalid arguments' });
        return;
      }
      if (raw.help === true || raw.version === true) {
        resolve({ kind: 'print', text: output.endsWith('\n') ? output : `${output}\n` });
        return;
      }
      resolve(toOptions(raw));
    });
  });
}

function toOptions(raw: Record<string, unknown>): ParsedArgs {
  const positional = ((raw._ as unknown[]) ?? []).map(String);
  if (positional[0] === 'explain') {
    if (positional.length !== 2) return { kind: 'usage-error', message: 'explain takes one rule id, e.g. roslint explain wireguard/mtu' };
    return { kind: 'explain', ruleId: positional[1]! };
  }
  const stdin = raw.stdin === true || positional.includes('-');
  const patterns = positional.filter((p) => p !== '-');
  if (stdin && patterns.length > 0) {
    return { kind: 'usage-error', message: 'standard input ("-" / --stdin) cannot be combined with file arguments' };
  }
  const severities: Record<string, SeveritySetting> = {};
  const ruleFlags = raw.rule === undefined ? [] : Array.isArray(raw.rule) ? raw.rule : [raw.rule];
  for (const flag of ruleFlags.map(String)) {
    const parsed = parseRuleFlag(flag);
    if (typeof parsed === 'string') return { kind: 'usage-error', message: parsed };
    severities[parsed[0]] = parsed[1];
  }
  const format = String(raw.format);
  if (!formatterNames().includes(format)) {
    return { kind: 'usage-error', message: `unknown format "${format}" (use ${formatterNames().join(', ')})` };
  }
  const routerosVersion = raw['routeros-version'] === undefined ? undefined : String(raw['routeros-version']).trim();
  if (routerosVersion !== undefined && !VERSION_RE.test(routerosVersion)) {
    return { kind: 'usage-error', message: `--routeros-version expects a version like 7.19 or 7.19.2, got "${routerosVersion}"` };
  }
  let maxWarnings = -1;
  if (raw['max-warnings'] !== undefined) {
    maxWarnings = Number(raw['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) return { kind: 'usage-error', message: `--max-warnings expects a whole number, got "${String(raw['max-warnings'])}"` };
  }
  if (raw.fix === true && raw['fix-dry-run'] === true) return { kind: 'usage-error', message: '--fix and --fix-dry-run cannot be combined' };
  if (stdin && raw.fix === true) return { kind: 'usage-error', message: '--fix cannot write standard input back (use --fix-dry-run)' };
  return {
    kind: 'run',
    options: {
      patterns,
      stdin,
      stdinFilename: raw['stdin-filename'] === undefined ? '<stdin>' : String(raw['stdin-filename']),
      format,
      color: typeof raw.color === 'boolean' ? raw.color : undefined,
      severities,
      routerosVersion,
      listRules: raw['list-rules'] === true,
      outputFile: raw['output-file'] === undefined ? undefined : String(raw['output-file']),
      config: raw.config === false ? false : raw.config === undefined ? undefined : String(raw.config),
      maxWarnings,
      quiet: raw.quiet === true,
      inlineConfig: raw['inline-config'] !== false,
      reportUnusedDirectives: raw['report-unused-directives'] === true,
      printConfig: raw['print-config'] === undefined ? undefined : String(raw['print-config']),
      init: raw.init === true,
      fix: raw.fix === true,
      fixDryRun: raw['fix-dry-run'] === true,
      networkStrict: raw['network-strict'] === true,
    },
  };
}
