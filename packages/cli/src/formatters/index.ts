import type { Formatter } from './types.js';
import { formatStylish } from './stylish.js';
import { formatJson } from './json.js';

export type { Formatter, FormatContext } from './types.js';

/** Output formats by `--format` name. */
const registry: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
};

export function formatterNames(): string[] {
  return Object.keys(registry);
}

export function getFormatter(name: string): Formatter | undefined {
  return Object.hasOwn(registry, name) ? registry[name] : undefined;
}
