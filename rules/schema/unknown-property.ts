import type { RouterRule } from '@roslint/core';
import { argsOf, argName, closestNames, NAME_PROBLEM, orList, schemaRecords, schemaVersion } from '@roslint/core';

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
    for (const r of ctx.use(schemaRecords).notable) {
      if ((r.reasons & NAME_PROBLEM) === 0 || r.cmd === undefined || r.menu === undefined) continue;
      const { cmd, menu } = r;
      for (const arg of r.record.args) {
        if (arg.name === null) continue;
        const facts = cmd.arg(arg.name);
        if ((facts.flags & NAME_PROBLEM) === 0) continue; // static, known (or a platform property), unambiguous
        const a = argName(arg)!;
        const ambiguous = facts.prefixOf; // in the file's version
        if (ambiguous.length > 1 && !ambiguous.includes(a.name)) {
          ctx.report({
            span: a.span,
            message: `\`${a.name}\` is ambiguous for ${menu.text} ${cmd.command}: it abbreviates ${orList(ambiguous.slice(0, 5))}`,
          });
          continue;
        }
        // Unknown in every version, and no hardware/package property the schema dumps lack.
        const close = closestNames(a.name, argsOf(menu.path, cmd.command));
        const suggestion = close.length > 0 ? `; did you mean ${orList(close.slice(0, 3))}?` : '';
        ctx.report({
          span: a.span,
          message: `${menu.text} ${cmd.command} has no property \`${a.name}\`${suggestion}`,
          ...(close.length === 1 ? { fix: { description: `Replace with \`${close[0]}\``, edits: [{ span: a.span, text: close[0]! }] } } : {}),
        });
      }
    }
  },
};
