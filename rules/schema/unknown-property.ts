import type { RouterRule } from '@roslint/core';
import {
  argsOf, PROPERTY_COMMANDS, argName, closestNames, isStaticName, menuText, orList, prefixMatches, resolveArgName,
  schemaRecords, schemaVersion,
} from './common.js';
import { isPlatformArg } from './platform.js';

/** An argument of `add`/`set` that the command has in no RouterOS version. */
export const unknownProperty: RouterRule = {
  meta: {
    id: 'schema/unknown-property',
    defaultSeverity: 'warning',
    summary: 'An argument name does not exist for that command',
    fixable: true,
    scope: 'router',
  },
  check(ctx) {
    const sv = schemaVersion(ctx.config);
    if (sv.skip) return;
    for (const r of ctx.use(schemaRecords)) {
      if (r.path === undefined || r.command === undefined || !PROPERTY_COMMANDS.has(r.command)) continue;
      for (const arg of r.record.args) {
        const a = argName(arg);
        if (a === undefined || !isStaticName(a.name)) continue;
        const ambiguous = prefixMatches(a.name, argsOf(r.path, r.command, sv.version));
        if (ambiguous.length > 1 && !ambiguous.includes(a.name)) {
          ctx.report({
            span: a.span,
            message: `\`${a.name}\` is ambiguous for ${menuText(r.path)} ${r.command}: it abbreviates ${orList(ambiguous.slice(0, 5))}`,
          });
          continue;
        }
        if (resolveArgName(r.path, r.command, a.name) !== undefined) continue; // some version has it
        if (isPlatformArg(r.path, a.name)) continue; // hardware/package property the schema dumps lack
        const close = closestNames(a.name, argsOf(r.path, r.command));
        const suggestion = close.length > 0 ? `; did you mean ${orList(close.slice(0, 3))}?` : '';
        ctx.report({
          span: a.span,
          message: `${menuText(r.path)} ${r.command} has no property \`${a.name}\`${suggestion}`,
          ...(close.length === 1 ? { fix: { description: `Replace with \`${close[0]}\``, edits: [{ span: a.span, text: close[0]! }] } } : {}),
        });
      }
    }
  },
};
