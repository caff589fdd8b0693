/**
 * The RouterOS command schema: every menu, command and argument of RouterOS 7.9–7.24 with the
 * versions it exists in, value kinds and known values. Generated from RouterOS's own
 * `/console/inspect` trees by scripts/build.mjs into data/schema.json.gz, loaded lazily once.
 */
export { loadSchema, schemaLoadStats, type ValueKind } from './data.js';
export { knownVersions, newestVersion, resolveVersion, parseVersion, versionsOfMask, describeVersions } from './versions.js';
export { editDistance, closestNames } from './similar.js';
export {
  type MenuPath, type MenuInfo, type CommandInfo, type ArgInfo,
  toSegments, menuInfo, commandInfo, argInfo, versionsOf, existsIn, isMenu, isCommand,
  subMenusOf, commandsOf, argsOf, suggestMenus, suggestCommands, suggestArgs,
  canonicalizeMenuPath, resolveCommandName, resolveArgName,
} from './tree.js';
