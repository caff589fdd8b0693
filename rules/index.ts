import type { Rule } from '@roslint/core';

/** Every built-in rule. Front ends pass this list to the Linter. */
export const builtinRules: Rule[] = [];
