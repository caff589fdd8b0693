import type { RouterRule } from '@roslint/core';
import { hasRuntimeSyntax, schemaRecords, schemaVersion, VALUE_CHECKED } from '@roslint/core';

/**
 * A value RouterOS will not take: not one of a closed set of words, a yes/no flag that is
 * something else, a malformed or out-of-range time interval or number, a port above 65535.
 */
export const invalidValue: RouterRule = {
  meta: {
    id: 'schema/invalid-value',
    defaultSeverity: 'warning',
    summary: 'A value is not valid for its property',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    if (schemaVersion(ctx.config).skip) return;
    const text = ctx.config.source.text;
    for (const r of ctx.use(schemaRecords).notable) {
      if ((r.reasons & VALUE_CHECKED) === 0 || r.cmd === undefined || r.menu === undefined) continue;
      for (const arg of r.record.args) {
        if (arg.name === null || arg.value === undefined || arg.valueSpan === undefined) continue;
        const facts = r.cmd.arg(arg.name);
        if ((facts.flags & VALUE_CHECKED) === 0) continue; // not static, not known, or any value passes
        // Only literal values: `$x`, `[…]`, `(…)` and interpolated strings are decided at run time.
        if (hasRuntimeSyntax(text, arg.valueSpan.start, arg.valueSpan.end)) continue;
        const problem = facts.valueProblem(arg.value);
        if (problem === undefined) continue;
        ctx.report({ span: arg.valueSpan, message: `${problem} (\`${facts.known}\` of ${r.menu.text})` });
      }
    }
  },
};
