export * from './model/types.js';
export * from './rule.js';
export { buildConfig, type BuildOptions, type BuildResult } from './model/evaluate.js';
export { Linter, type LintOptions, type LintInput, type LintResult } from './linter/linter.js';
export * from './analysis/index.js';
export { secretSpans, redact, redactSegments, mergeSpans, REDACTED, type TextSegment } from './linter/secrets.js';
export { parseDirective, UNUSED_DIRECTIVE, INTERNAL_ERROR } from './linter/directives.js';
