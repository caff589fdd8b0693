import type { Formatter } from './types.js';
import { formatStylish } from './stylish.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatGithub } from './github.js';
import { formatGcc } from './gcc.js';
import { formatCheckstyle } from './checkstyle.js';
import { formatJunit } from './junit.js';

export type { Formatter, FormatContext } from './types.js';

/** Output formats by `--format` name. */
const registry: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  gcc: formatGcc,
  checkstyle: formatCheckstyle,
  junit: formatJunit,
};

export function formatterNames(): string[] {
  return Object.keys(registry);
}

export function getFormatter(name: string): Formatter | undefined {
  return Object.hasOwn(registry, name) ? registry[name] : undefined;
}
