import type { RouterRule } from '@roslint/core';
import {
  BAD_MENU, canonicalizeMenuPath, closestNames, commandsOf, menuText, orList, prefixMatches, schemaRecords, schemaVersion, subMenusOf, writtenSegments,
} from '@roslint/core';
import { isPlatformMenu } from '@roslint/core';

/**
 * A menu path segment that names no menu in any RouterOS version, under a parent menu that exists
 * (an ambiguous abbreviation counts too: RouterOS rejects it).
 */
export const unknownMenu: RouterRule = {
  meta: {
    id: 'schema/unknown-menu',
    defaultSeverity: 'warning',
    summary: 'A menu path does not exist in RouterOS',
    fixable: true,
    scope: 'router',
  },
  check(ctx) {
    const sv = schemaVersion(ctx.config);
    if (sv.skip) return;
    for (const r of ctx.use(schemaRecords).notable) {
      if ((r.reasons & BAD_MENU) === 0 || r.badSegment === undefined) continue;
      const { index, parent } = r.badSegment;
      const written = writtenSegments(ctx.config, r.record).find((w) => w.index === index);
      if (written === undefined) continue; // the path was set by an earlier line; reported there
      const word = written.text;
      // A command where a menu was expected is a different problem (and often a parse choice).
      if (commandsOf(parent).some((c) => c.startsWith(word))) continue;
      const menus = subMenusOf(parent, sv.version);
      const ambiguous = prefixMatches(word, menus);
      if (ambiguous.length > 1) {
        ctx.report({
          span: written.span,
          message: `\`${word}\` is ambiguous in ${menuText(parent)}: it abbreviates ${orList(ambiguous)}`,
        });
        continue;
      }
      if (canonicalizeMenuPath([...parent, word]) !== undefined) continue; // exists in another version
      if (isPlatformMenu([...parent, word])) continue; // hardware/package menu the schema dumps lack
      const close = closestNames(word, subMenusOf(parent));
      const suggestion = close.length > 0 ? `; did you mean ${orList(close.slice(0, 3))}?` : '';
      ctx.report({
        span: written.span,
        message: `RouterOS has no menu \`${word}\` in ${menuText(parent)}${suggestion}`,
        ...(close.length === 1 ? { fix: { description: `Replace with \`${close[0]}\``, edits: [{ span: written.span, text: close[0]! }] } } : {}),
      });
    }
  },
};
