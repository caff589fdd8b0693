export { main, useColor, type CliIo } from './main.js';
export { formatterNames, getFormatter, type Formatter, type FormatContext } from './formatters/index.js';
export { collectFiles } from './files.js';
export { parseRuleFlag } from './args.js';
export * from './fixtures.js';
