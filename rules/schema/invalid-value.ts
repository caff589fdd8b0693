import type { RouterRule } from '@roslint/core';
import {
  PROPERTY_COMMANDS, argInfo, argName, hasRuntimeSyntax, isStaticName, menuText, resolveArgName, schemaRecords, schemaVersion,
} from './common.js';
import { valueProblem } from './value-check.js';

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
    for (const r of ctx.use(schemaRecords)) {
      if (r.path === undefined || r.command === undefined || !PROPERTY_COMMANDS.has(r.command)) continue;
      for (const arg of r.record.args) {
        const a = argName(arg);
        if (a === undefined || arg.value === undefined || arg.valueSpan === undefined || !isStaticName(a.name)) continue;
        // Only literal values: `$x`, `[…]`, `(…)` and interpolated strings are decided at run time.
        if (hasRuntimeSyntax(text, arg.valueSpan.start, arg.valueSpan.end)) continue;
        const name = resolveArgName(r.path, r.command, a.name);
        const info = name === undefined ? undefined : argInfo(r.path, r.command, name);
        if (info === undefined) continue;
        const problem = valueProblem(arg.value, info);
        if (problem === undefined) continue;
        ctx.report({ span: arg.valueSpan, message: `${problem} (\`${name}\` of ${menuText(r.path)})` });
      }
    }
  },
};
