/**
 * Where a rule's documentation lives: `rules/<category>/<name>.md`.
 *
 * Offline first: the docs shipped next to the server (the VS Code extension copies them into
 * `rules/`), or the repository's own `rules/` when the server runs from a checkout. A link is
 * given only when the page exists, so parser/model diagnostics without a page get none.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function candidateDirs(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dirs: string[] = [];
  if (process.env.ROSLINT_DOCS_DIR) dirs.push(process.env.ROSLINT_DOCS_DIR);
  // bundled: <ext>/dist/server.mjs → <ext>/rules; repository: packages/language-server/dist → rules
  dirs.push(path.resolve(here, '../rules'), path.resolve(here, '../../../rules'));
  return dirs;
}

export class RuleDocs {
  private readonly dirs: string[];
  private readonly cache = new Map<string, string | undefined>();

  constructor(dirs: string[] = candidateDirs()) {
    this.dirs = dirs.filter((d) => existsSync(d));
  }

  /** A URL for the rule's page, or undefined when there is none. */
  urlOf(ruleId: string): string | undefined {
    if (this.cache.has(ruleId)) return this.cache.get(ruleId);
    let url: string | undefined;
    if (/^[a-z0-9-]+\/[a-z0-9-]+$/.test(ruleId)) {
      for (const dir of this.dirs) {
        const file = path.join(dir, `${ruleId}.md`);
        if (existsSync(file)) {
          url = pathToFileURL(file).href;
          break;
        }
      }
    }
    this.cache.set(ruleId, url);
    return url;
  }
}
