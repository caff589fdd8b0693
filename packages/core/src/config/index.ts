export { ConfigLoader, loadConfigFor, findConfigFile, formatConfigError, CONFIG_FILE_NAMES } from './load.js';
export type { ResolvedConfig, ConfigLoadOptions, ConfigError, IgnoreEntry } from './load.js';
export { validateConfig, type ConfigProblem } from './validate.js';
export { CONFIG_SCHEMA, type JsonSchema } from './schema.js';
export { applyIgnores } from './ignores.js';
export { matchesGlob } from './glob.js';
