/**
 * What the schema rules (rules/schema/*) share: the schema facts of each command in the log,
 * answered once per (version, menu, command, argument), and the value checks.
 */
export * from './common.js';
export { REQUIRED_ON_ADD, requiredArgs } from './required.js';
export { mayRejectValue, parseTimeValue, valueProblem } from './value-check.js';
export { isPlatformArg, isPlatformMenu } from './platform.js';
export { versionFacts } from './facts.js';
export type { CommandFacts, MenuFacts, PathFacts, WordFacts, VersionFacts, ArgFacts } from './facts.js';
