import type { LintResult, RuleMeta } from '@roslint/core';

export interface FormatContext {
  /** Directory relative to which paths are resolved (JSON `filePath` is absolute). */
  cwd: string;
  /** ANSI colours allowed (a TTY without NO_COLOR, or `--color`). */
  color: boolean;
  /** Metadata of the rules in use (SARIF lists them in `tool.driver.rules`). */
  rules?: readonly RuleMeta[];
  /** roslint's version (SARIF `tool.driver.version`). */
  toolVersion?: string;
}

/**
 * A formatter is a plain function of the results. To add one: write `formatters/<name>.ts`
 * exporting a `Formatter`, and add one line to the registry in `formatters/index.ts`.
 * Every formatter must keep secrets out: diagnostics are already scrubbed by the linter; source
 * text must go through `redact` with `result.secretSpans`.
 */
export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;
