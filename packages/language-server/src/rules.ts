/**
 * The rules the server runs: the built-in rules plus, from ROSLINT_EXTRA_RULES (comma-separated
 * module paths exporting `rules`), rules being tried out before they are built in; the protocol
 * tests use it for a network rule of their own.
 */
import { builtinRules } from '@roslint/rules';
import type { Rule } from '@roslint/core';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function loadRules(extra: string | undefined, warn: (m: string) => void): Promise<Rule[]> {
  const out: Rule[] = [...builtinRules];
  for (const p of (extra ?? '').split(',').filter(Boolean)) {
    try {
      const mod = (await import(pathToFileURL(path.resolve(p)).href)) as { rules?: Rule[]; default?: Rule[] };
      out.push(...(mod.rules ?? mod.default ?? []));
    } catch (err) {
      warn(`cannot load rules from ${p}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return out;
}
