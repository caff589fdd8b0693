/**
 * The engine every front end uses: parse → model → rules → diagnostics.
 *
 * Per file: syntax diagnostics (parser) + model diagnostics (evaluator) + router-rule reports.
 * `lintMany` then runs network rules once over every file's config. Finally, per file:
 * suppression directives, severity configuration, secret scrubbing, sorting.
 * Nothing here throws on any input: a failing rule becomes a `roslint/internal-error` diagnostic.
 */
import { forEachNode, parse, SourceText } from '@roslint/parser';
import type { AnyNode, CommandStatement, Comment, Diagnostic, FlatCommand, ParseResult, Severity, Span, Statement } from '@roslint/parser';
import { ConfigBuilder, emptyConfig } from '../model/evaluate.js';
import type { RouterConfig } from '../model/types.js';
import type {
  Analysis,
  NetworkRule,
  ReportDescriptor,
  Rule,
  RouterRule,
  SeveritySetting,
} from '../rule.js';
import { isWgQuickFile, readWgQuick } from '../wgquick/read.js';
import { applySuppressions, INTERNAL_ERROR, statementSpanVisitor, UNUSED_DIRECTIVE } from './directives.js';
import { mergeSpans, occurrenceSpans, scrubDiagnostic, secretNodeVisitor, secretSpansWith, secretValues } from './secrets.js';

export interface LintOptions {
  /** File path (for diagnostics); `<stdin>` for standard input. */
  file: string;
  /** Per-rule severity overrides (`--rule id=off`). */
  severities?: Record<string, SeveritySetting>;
  /** Per-rule options (`[level, options]` in configuration). */
  ruleOptions?: Record<string, unknown>;
  routerosVersion?: string;
  /** `false` ignores suppression comments (`roslint-disable…`, `roslint-ignore:`), like `--no-inline-config`. */
  inlineConfig?: boolean;
}

export interface LintInput {
  file: string;
  content: string | Uint8Array;
}

export interface LintResult {
  file: string;
  source: SourceText;
  config: RouterConfig;
  /** Sorted by position, then rule id. */
  diagnostics: Diagnostic[];
  /** Spans of secret values (private keys, preshared keys) that every output must redact. */
  secretSpans: Span[];
}

/** One file between parsing and the final result. */
export interface FileState {
  file: string;
  parsed: ParseResult;
  config: RouterConfig;
  diagnostics: Diagnostic[];
  secretSpans: Span[];
  /**
   * Every statement's start and end offsets, flat (`[s0, e0, s1, e1, …]`: a big export has hundreds
   * of thousands of statements), for `roslint-disable-next-line`; the AST itself is not kept
   * (see `parseAndBuild`).
   */
  statements?: number[];
}

/** First line of an error's message, never its stack. */
function errorText(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return (msg.split(/\r?\n/, 1)[0] ?? '').slice(0, 300) || 'unknown error';
}

function safeParse(content: string | Uint8Array, file: string): { parsed: ParseResult; failure?: string } {
  try {
    return { parsed: parse(content, { file }) };
  } catch (err) {
    const source = typeof content === 'string' ? new SourceText(content) : SourceText.fromBytes(content);
    const parsed: ParseResult = {
      script: { kind: 'script', body: [], comments: [], start: 0, end: source.text.length },
      source,
      diagnostics: [],
    };
    return { parsed, failure: `the parser failed: ${errorText(err)}` };
  }
}

/**
 * Parse and build the model in one stream: each top-level statement is evaluated, scanned for
 * secret values and statement spans, and dropped as soon as it is parsed, so a big export's AST
 * never exists whole (a 20 MB export's AST is ~300 MB; only the model stays).
 */
function parseAndBuild(content: string | Uint8Array, file: string, routerosVersion: string | undefined): {
  parsed: ParseResult; config: RouterConfig; diagnostics: Diagnostic[]; secrets: Span[]; statements: number[];
} {
  let source: SourceText | undefined;
  let builder: ConfigBuilder | undefined;
  let modelFailure: string | undefined;
  const astSecrets: Span[] = [];
  const statements: number[] = [];
  let secret: ((n: AnyNode) => void) | undefined;
  let visit: ((n: AnyNode) => void) | undefined;
  const onStatement = (stmt: Statement, comments: readonly Comment[]): void => {
    const text = source!.text;
    try {
      builder ??= new ConfigBuilder(source!, { file, routerosVersion });
      if (!modelFailure) builder.statement(stmt, comments);
    } catch (err) {
      modelFailure = errorText(err);
    }
    try {
      if (!visit) {
        const isSecret = (secret = secretNodeVisitor(text, astSecrets));
        const statement = statementSpanVisitor(statements);
        visit = (n) => {
          isSecret(n);
          statement(n);
        };
      }
      if (isFlatCommand(stmt)) {
        // The bulk of an export: the only nodes the visitors act on are the statement (a command:
        // its span is recorded; the secret visitor reads only `:local`/`:global`/`:set` ones, which
        // may assign a key to a variable) and its named args (never statements).
        statements.push(stmt.start, stmt.end);
        if (stmt.colon) secret!(stmt as unknown as AnyNode);
        for (const arg of stmt.args) if (arg.kind === 'named') secret!(arg as unknown as AnyNode);
      } else forEachNode(stmt, visit);
    } catch {
      // A malformed statement must not stop redaction; the lexical scan still runs.
    }
  };
  // A plain `add` line straight to the model, without its AST (most of an export). Declined
  // (its statement then comes to onStatement): after a model failure, and when an argument name
  // ends in `-key`, the only flat arguments the secret visitor looks at.
  const onFlatCommand = (cmd: FlatCommand, comments: readonly Comment[]): boolean => {
    if (modelFailure) return false;
    for (let i = 0; i < cmd.count; i++) if (cmd.names[i]!.endsWith('-key')) return false;
    try {
      builder ??= new ConfigBuilder(source!, { file, routerosVersion });
      if (!builder.flatCommand(cmd, comments)) return false;
    } catch (err) {
      modelFailure = errorText(err);
    }
    statements.push(cmd.start, cmd.end);
    return true;
  };
  let parsed: ParseResult;
  let parseFailure: string | undefined;
  try {
    source = typeof content === 'string' ? new SourceText(content) : SourceText.fromBytes(content);
    parsed = parse(source, { file, onStatement, onFlatCommand });
    // A parser that does not stream (a test double) returns the body instead.
    for (const stmt of parsed.script.body) onStatement(stmt, parsed.script.comments);
  } catch (err) {
    const r = safeParse(content, file);
    parsed = r.parsed;
    parseFailure = r.failure ?? `the parser failed: ${errorText(err)}`;
  }
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  let config: RouterConfig;
  try {
    if (modelFailure) throw new Error(modelFailure);
    const built = (builder ?? new ConfigBuilder(parsed.source, { file, routerosVersion })).finish(parsed.script.comments);
    config = built.config;
    diagnostics.push(...built.diagnostics);
  } catch (err) {
    config = emptyConfig(file, parsed.source, parsed.script.comments);
    diagnostics.push(internalError(config, `Internal error: the model builder failed: ${errorText(err)}`));
  }
  if (parseFailure) diagnostics.push(internalError(config, `Internal error: ${parseFailure}`));
  return { parsed, config, diagnostics, secrets: secretSpansWith(astSecrets, parsed.source.text), statements };
}

/**
 * A command whose arguments hold only words, variables and plain strings (no nested command,
 * block, expression, interpolation or embedded script): no statement or `where` comparison can
 * hide inside it, so a walk over its nodes would find nothing but the statement and its args.
 */
function isFlatCommand(stmt: Statement): stmt is CommandStatement {
  if (stmt.kind !== 'command' || stmt.callee !== null) return false;
  for (const arg of stmt.args) {
    const v = arg.kind === 'unset' ? null : arg.value;
    if (v === null || v.kind === 'word' || v.kind === 'variable') continue;
    if (v.kind !== 'string' || v.embedded !== undefined) return false;
    for (const p of v.parts) if (p.kind !== 'text') return false;
  }
  return true;
}

/** Flat `[start, end, …]` offsets as spans, made only when a directive needs them. */
function spansOf(flat: readonly number[]): () => Span[] {
  return () => {
    const out: Span[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) out.push({ start: flat[i]!, end: flat[i + 1]! });
    return out;
  };
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.offset - b.range.start.offset ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    a.range.end.offset - b.range.end.offset ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function internalError(config: RouterConfig, message: string): Diagnostic {
  return {
    ruleId: INTERNAL_ERROR,
    severity: 'error',
    message,
    file: config.file,
    range: config.source.rangeOf({ start: 0, end: 0 }),
  };
}

/** Clamp a rule-reported span into the text so a sloppy rule cannot produce nonsense ranges. */
function cleanSpan(span: Span, config: RouterConfig): Span {
  const len = config.source.text.length;
  const a = Number.isFinite(span.start) ? Math.max(0, Math.min(span.start, len)) : 0;
  const b = Number.isFinite(span.end) ? Math.max(0, Math.min(span.end, len)) : a;
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

export class Linter {
  readonly rules: readonly Rule[];
  /** Analyses are computed once per config and shared by every rule. */
  private readonly analyses = new WeakMap<RouterConfig, Map<Analysis<unknown>, unknown>>();

  constructor(options: { rules: readonly Rule[] }) {
    this.rules = options.rules;
  }

  lintText(content: string | Uint8Array, options: LintOptions): LintResult {
    const state = this.prepare(content, options.file, options);
    return this.finish(state, options, secretValues(state.parsed.source.text, state.secretSpans));
  }

  /** Lint several files as one network (network-scope rules see all of them). */
  lintMany(inputs: readonly LintInput[], options: Omit<LintOptions, 'file'>): LintResult[] {
    const states = inputs.map((input) => this.prepare(input.content, input.file, options));
    this.runNetworkRules(states, options);
    // Related locations may point into another file, so scrub with every file's secrets.
    const values = new Set<string>();
    for (const s of states) for (const v of secretValues(s.parsed.source.text, s.secretSpans)) values.add(v);
    const all = [...values].sort((a, b) => b.length - a.length);
    // A secret of one file appearing in another (a private key pasted as a peer's public-key) is a secret there too.
    for (const s of states) s.secretSpans = mergeSpans([...s.secretSpans, ...occurrenceSpans(s.parsed.source.text, all)]);
    return states.map((s) => this.finish(s, options, all));
  }

  private use<T>(config: RouterConfig, analysis: Analysis<T>): T {
    let cache = this.analyses.get(config);
    if (!cache) {
      cache = new Map();
      this.analyses.set(config, cache);
    }
    if (cache.has(analysis)) return cache.get(analysis) as T;
    const value = analysis(config);
    cache.set(analysis, value);
    return value;
  }

  /** The severity a rule's reports get, or `off`. Configuration beats a per-report override. */
  private severityOf(rule: Rule, options: Omit<LintOptions, 'file'>, descriptor?: ReportDescriptor): SeveritySetting {
    const configured = options.severities?.[rule.meta.id];
    if (configured !== undefined) return configured;
    return descriptor?.severity ?? rule.meta.defaultSeverity;
  }

  private isOff(rule: Rule, options: Omit<LintOptions, 'file'>): boolean {
    return options.severities?.[rule.meta.id] === 'off';
  }

  private toDiagnostic(rule: Rule, config: RouterConfig, d: ReportDescriptor, severity: Severity): Diagnostic {
    const diag: Diagnostic = {
      ruleId: rule.meta.id,
      severity,
      message: String(d.message),
      file: config.file,
      range: config.source.rangeOf(cleanSpan(d.span, config)),
    };
    if (d.related && d.related.length > 0) {
      diag.related = d.related.map((r) => {
        const c = r.config ?? config;
        return { file: c.file, range: c.source.rangeOf(cleanSpan(r.span, c)), message: String(r.message) };
      });
    }
    if (d.fix && d.fix.edits.length > 0) {
      diag.fix = {
        description: String(d.fix.description),
        edits: d.fix.edits.map((e) => ({ range: config.source.rangeOf(cleanSpan(e.span, config)), text: e.text })),
      };
    }
    return diag;
  }

  // The three stages of lintMany, public so parallel.ts can run them on different threads.

  /** Parse → model → router rules of one file. */
  prepare(content: string | Uint8Array, file: string, options: Omit<LintOptions, 'file'>): FileState {
    // A wg-quick client config joins the network as a synthetic router; RouterOS router rules do not apply to it.
    if (isWgQuickFile(file)) {
      try {
        const wg = readWgQuick(content, file);
        return { file, parsed: wg.parsed, config: wg.config, diagnostics: [...wg.diagnostics], secretSpans: wg.secretSpans };
      } catch (err) {
        const { parsed } = safeParse('', file);
        const source = typeof content === 'string' ? new SourceText(content) : SourceText.fromBytes(content);
        const config = emptyConfig(file, source, parsed.script.comments);
        // Without a reader, redact the whole file rather than risk printing a key.
        const secret = [{ start: 0, end: source.text.length }];
        return { file, parsed: { ...parsed, source }, config, diagnostics: [internalError(config, `Internal error: the wg-quick reader failed: ${errorText(err)}`)], secretSpans: secret };
      }
    }
    const { parsed, config, diagnostics, secrets, statements } = parseAndBuild(content, file, options.routerosVersion);
    const state: FileState = { file, parsed, config, diagnostics, secretSpans: secrets, statements };

    for (const rule of this.rules) {
      if (rule.meta.scope !== 'router' || this.isOff(rule, options)) continue;
      const routerRule = rule as RouterRule;
      try {
        routerRule.check({
          config,
          options: options.ruleOptions?.[rule.meta.id],
          use: (analysis) => this.use(config, analysis),
          report: (d) => {
            const severity = this.severityOf(rule, options, d);
            if (severity !== 'off') diagnostics.push(this.toDiagnostic(rule, config, d, severity));
          },
        });
      } catch (err) {
        diagnostics.push(internalError(config, `Internal error in rule "${rule.meta.id}": ${errorText(err)}`));
      }
    }
    return state;
  }

  /** Network rules over every file; reads only `config` and `diagnostics` of each state, appends reports. */
  runNetworkRules(states: readonly FileState[], options: Omit<LintOptions, 'file'>): void {
    if (states.length === 0) return;
    const byConfig = new Map<RouterConfig, FileState>(states.map((s) => [s.config, s]));
    const configs = states.map((s) => s.config);
    for (const rule of this.rules) {
      if (rule.meta.scope !== 'network' || this.isOff(rule, options)) continue;
      const networkRule = rule as NetworkRule;
      try {
        networkRule.check({
          configs,
          options: options.ruleOptions?.[rule.meta.id],
          use: (config, analysis) => this.use(config, analysis),
          report: (config, d) => {
            const target = byConfig.get(config);
            if (!target) throw new Error('reported a config that is not part of this lint');
            const severity = this.severityOf(rule, options, d);
            if (severity !== 'off') target.diagnostics.push(this.toDiagnostic(rule, config, d, severity));
          },
        });
      } catch (err) {
        const first = states[0]!;
        first.diagnostics.push(internalError(first.config, `Internal error in rule "${rule.meta.id}": ${errorText(err)}`));
      }
    }
  }

  /** Suppressions, severities, secret scrubbing, sorting of one file. */
  finish(state: FileState, options: Omit<LintOptions, 'file'>, secrets: readonly string[]): LintResult {
    const severities = options.severities ?? {};
    const ruleIds = new Set(this.rules.map((r) => r.meta.id));
    // Parser/model diagnostics obey `--rule` too; rule reports already got their severity.
    const configured = state.diagnostics.flatMap((d): Diagnostic[] => {
      if (ruleIds.has(d.ruleId) || d.ruleId === INTERNAL_ERROR) return [d];
      const s = severities[d.ruleId];
      if (s === 'off') return [];
      return [s === undefined ? d : { ...d, severity: s }];
    });

    let kept = configured;
    let unused: Diagnostic[] = [];
    // Without inline config, suppression comments neither suppress nor count as unused.
    if (options.inlineConfig !== false) try {
      const r = applySuppressions({
        config: state.config,
        script: state.parsed.script,
        statements: state.statements && spansOf(state.statements),
        diagnostics: configured,
        isOff: (id) => severities[id] === 'off',
      });
      kept = r.diagnostics;
      unused = r.unused;
    } catch (err) {
      kept.push(internalError(state.config, `Internal error while applying suppressions: ${errorText(err)}`));
    }
    const unusedSetting = severities[UNUSED_DIRECTIVE];
    if (unusedSetting !== 'off') {
      for (const u of unused) kept.push(unusedSetting === undefined ? u : { ...u, severity: unusedSetting });
    }

    const diagnostics = kept.map((d) => scrubDiagnostic(d, secrets)).sort(compareDiagnostics);
    return { file: state.file, source: state.parsed.source, config: state.config, diagnostics, secretSpans: state.secretSpans };
  }
}
