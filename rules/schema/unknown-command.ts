import type { RouterRule } from '@roslint/core';
import {
  closestNames, commandsOf, isGlobalCommand, isStaticName, menuText, orList, prefixMatches, resolveCommandName,
  schemaRecords, schemaVersion, subMenusOf, UNKNOWN_COMMAND,
} from '@roslint/core';

/** A command word that no RouterOS version has in that menu. */
export const unknownCommand: RouterRule = {
  meta: {
    id: 'schema/unknown-command',
    defaultSeverity: 'warning',
    summary: 'A command does not exist in its menu',
    fixable: true,
    scope: 'router',
  },
  check(ctx) {
    const sv = schemaVersion(ctx.config);
    if (sv.skip) return;
    for (const r of ctx.use(schemaRecords).notable) {
      if ((r.reasons & UNKNOWN_COMMAND) === 0) continue;
      const { record } = r;
      const word = record.command;
      if (r.path === undefined || word === null || record.commandSpan === undefined || r.command !== undefined) continue;
      if (!isStaticName(word) || isGlobalCommand(word)) continue;
      // A sub-menu word in command position is a path, not a command.
      if (subMenusOf(r.path).some((m) => m.startsWith(word))) continue;
      const span = record.commandSpan;
      const all = commandsOf(r.path);
      const ambiguous = prefixMatches(word, commandsOf(r.path, sv.version));
      if (ambiguous.length > 1) {
        ctx.report({ span, message: `\`${word}\` is ambiguous in ${menuText(r.path)}: it abbreviates ${orList(ambiguous)}` });
        continue;
      }
      if (resolveCommandName(r.path, word) !== undefined) continue;
      const close = closestNames(word, all);
      const suggestion = close.length > 0 ? `; did you mean ${orList(close.slice(0, 3))}?` : '';
      ctx.report({
        span,
        message: `${menuText(r.path)} has no command \`${word}\`${suggestion}`,
        ...(close.length === 1 ? { fix: { description: `Replace with \`${close[0]}\``, edits: [{ span, text: close[0]! }] } } : {}),
      });
    }
  },
};
