/** The configuration model: types, the evaluator and the helpers rules share. */
export * from './types.js';
export { buildConfig, ConfigBuilder, type BuildOptions, type BuildResult } from './evaluate.js';
export { splitList, splitListSpans, boolText } from './values.js';
export { itemName, findItemsByName, findItemByName, findItemsWhere, allItems } from './lookup.js';
export { parseVersion } from './header.js';
