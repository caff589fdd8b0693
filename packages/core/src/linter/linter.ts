/**
 * The engine every front end uses: parse → model → rules → diagnostics.
 * (Placeholder body; the real implementation replaces it.)
 */
import type { Diagnostic, Span, SourceText } from '@roslint/parser';
import type { RouterConfig } from '../model/types.js';
import type { Rule, SeveritySetting } from '../rule.js';

export interface LintOptions {
  /** File path (for diagnostics); `<stdin>` for standard input. */
  file: string;
  /** Per-rule severity overrides (`--rule id=off`). */
  severities?: Record<string, SeveritySetting>;
  /** Per-rule options (`[level, options]` in configuration). */
  ruleOptions?: Record<string, unknown>;
  routerosVersion?: string;
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

export class Linter {
  readonly rules: readonly Rule[];
  constructor(options: { rules: readonly Rule[] }) {
    this.rules = options.rules;
  }
  lintText(content: string | Uint8Array, options: LintOptions): LintResult {
    void content; void options;
    throw new Error('not implemented');
  }
  /** Lint several files as one network (network-scope rules see all of them). */
  lintMany(inputs: readonly LintInput[], options: Omit<LintOptions, 'file'>): LintResult[] {
    void inputs; void options;
    throw new Error('not implemented');
  }
}
