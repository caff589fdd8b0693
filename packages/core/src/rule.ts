/**
 * The shape of a rule (see ARCHITECTURE.md "Writing a rule").
 *
 * A rule is metadata plus a `check` function. Router rules see one file's RouterConfig; network
 * rules see every router of a network at once. Rules report spans into a config's source; the
 * linter turns them into Diagnostics (ranges, severity from configuration, suppressions).
 */
import type { Severity, Span } from '@roslint/parser';
import type { RouterConfig } from './model/types.js';

export type SeveritySetting = Severity | 'off';

export interface RuleMeta {
  /** `category/kebab-name`. */
  id: string;
  defaultSeverity: Severity;
  /** One line, shown by `--list-rules` and in SARIF shortDescription. */
  summary: string;
  fixable: boolean;
  scope: 'router' | 'network';
}

export interface SpanEdit {
  span: Span;
  text: string;
}

export interface ReportFix {
  description: string;
  edits: SpanEdit[];
}

export interface RelatedReport {
  /** The config the span belongs to (defaults to the reporting config). */
  config?: RouterConfig;
  span: Span;
  message: string;
}

export interface ReportDescriptor {
  span: Span;
  message: string;
  /** Override the configured severity for this one report (e.g. error vs warning variants). */
  severity?: Severity;
  related?: RelatedReport[];
  fix?: ReportFix;
}

/** A derived fact computed once per config and shared by rules: `ctx.use(addressesByInterface)`. */
export type Analysis<T> = (config: RouterConfig) => T;

export interface RouterRuleContext {
  config: RouterConfig;
  /** Options given in configuration (`[level, options]`), or undefined. */
  options: unknown;
  use<T>(analysis: Analysis<T>): T;
  report(descriptor: ReportDescriptor): void;
}

export interface NetworkRuleContext {
  configs: readonly RouterConfig[];
  options: unknown;
  use<T>(config: RouterConfig, analysis: Analysis<T>): T;
  report(config: RouterConfig, descriptor: ReportDescriptor): void;
}

export interface RouterRule {
  meta: RuleMeta & { scope: 'router' };
  check(context: RouterRuleContext): void;
}

export interface NetworkRule {
  meta: RuleMeta & { scope: 'network' };
  check(context: NetworkRuleContext): void;
}

export type Rule = RouterRule | NetworkRule;
