import type { RouterRule } from '@roslint/core';
import { describeVersions, versionsOf } from '@roslint/schema';
import {
  argName, COMMAND_NOT_IN_VERSION, MENU_NOT_IN_VERSION, menuText, schemaRecords, schemaVersion, VERSION_PROBLEM, versionLabel, writtenSegments,
} from '@roslint/core';

/**
 * A menu, command or argument that exists in RouterOS, but not in the version the file is for
 * (`responder` before 7.17, `is-responder` after 7.16, wireguard `vrf` before 7.21). Needs a
 * declared version (export header, `--routeros-version` or configuration).
 */
export const versionMismatch: RouterRule = {
  meta: {
    id: 'schema/version-mismatch',
    defaultSeverity: 'warning',
    summary: 'A menu, command or property does not exist in the file\'s RouterOS version',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    const sv = schemaVersion(ctx.config);
    if (sv.skip || sv.version === undefined) return;
    const inVersion = `RouterOS ${versionLabel(sv)}`;
    for (const r of ctx.use(schemaRecords).notable) {
      const { menu, record } = r;
      if ((r.reasons & (MENU_NOT_IN_VERSION | COMMAND_NOT_IN_VERSION | VERSION_PROBLEM)) === 0 || menu === undefined) continue;
      // Menu: the first segment that the file's version lacks (none to report below a platform menu).
      if (!menu.inVersion) {
        const prefix = menu.missingPrefix;
        const written = prefix === undefined ? undefined : writtenSegments(ctx.config, record).find((w) => w.index === prefix.length - 1);
        if (prefix !== undefined && written !== undefined) {
          ctx.report({
            span: written.span,
            message: `menu ${menuText(prefix)} does not exist in ${inVersion}; it exists in ${describeVersions(versionsOf(prefix) ?? [])}`,
          });
        }
        continue; // commands and arguments of a missing menu say nothing more
      }
      if (r.word === undefined || r.cmd === undefined || record.commandSpan === undefined || menu.platform) continue;
      const { cmd } = r;
      if (r.word.inVersion === undefined) {
        ctx.report({
          span: record.commandSpan,
          message: `${menu.text} ${cmd.command} does not exist in ${inVersion}; it exists in ${describeVersions(versionsOf(menu.path, cmd.command) ?? [])}`,
        });
        continue;
      }
      if ((r.reasons & VERSION_PROBLEM) === 0) continue;
      for (const arg of record.args) {
        if (arg.name === null) continue;
        const facts = cmd.arg(arg.name);
        // Known in some version, not in this one, and not a hardware/package property.
        if ((facts.flags & VERSION_PROBLEM) === 0) continue;
        ctx.report({
          span: argName(arg)!.span,
          message: `\`${facts.known}\` of ${menu.text} ${cmd.command} does not exist in ${inVersion}; it exists in ${describeVersions(versionsOf(menu.path, cmd.command, facts.known) ?? [])}`,
        });
      }
    }
  },
};
