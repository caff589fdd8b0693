import type { RouterRule } from '@roslint/core';
import { describeVersions, versionsOf } from '@roslint/schema';
import {
  canonicalizeMenuPath,  PROPERTY_COMMANDS, argName, isStaticName, menuText, resolveArgName, resolveCommandName, schemaRecords,
  schemaVersion, versionLabel, writtenSegments,
} from './common.js';
import { isPlatformArg, isPlatformMenu } from './platform.js';

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
    const version = sv.version;
    const inVersion = `RouterOS ${versionLabel(sv)}`;
    for (const r of ctx.use(schemaRecords)) {
      if (r.path === undefined) continue;
      const { record } = r;
      // Menu: the first segment that the file's version lacks.
      if (canonicalizeMenuPath(r.path, version) === undefined) {
        for (let i = 1; i <= r.path.length; i++) {
          const prefix = r.path.slice(0, i);
          if (canonicalizeMenuPath(prefix, version) !== undefined) continue;
          if (isPlatformMenu(prefix)) break; // present or not by hardware/package, not by version
          const written = writtenSegments(ctx.config, record).find((w) => w.index === i - 1);
          if (written !== undefined) {
            ctx.report({
              span: written.span,
              message: `menu ${menuText(prefix)} does not exist in ${inVersion}; it exists in ${describeVersions(versionsOf(prefix) ?? [])}`,
            });
          }
          break;
        }
        continue; // commands and arguments of a missing menu say nothing more
      }
      if (r.command === undefined || record.commandSpan === undefined || isPlatformMenu(r.path)) continue;
      if (resolveCommandName(r.path, record.command!, version) === undefined) {
        ctx.report({
          span: record.commandSpan,
          message: `${menuText(r.path)} ${r.command} does not exist in ${inVersion}; it exists in ${describeVersions(versionsOf(r.path, r.command) ?? [])}`,
        });
        continue;
      }
      if (!PROPERTY_COMMANDS.has(r.command)) continue;
      for (const arg of record.args) {
        const a = argName(arg);
        if (a === undefined || !isStaticName(a.name)) continue;
        if (resolveArgName(r.path, r.command, a.name, version) !== undefined || isPlatformArg(r.path, a.name)) continue;
        const known = resolveArgName(r.path, r.command, a.name);
        if (known === undefined) continue; // unknown everywhere (or ambiguous): other rules
        ctx.report({
          span: a.span,
          message: `\`${known}\` of ${menuText(r.path)} ${r.command} does not exist in ${inVersion}; it exists in ${describeVersions(versionsOf(r.path, r.command, known) ?? [])}`,
        });
      }
    }
  },
};
