/**
 * Rule documentation: `rules/<category>/<name>.md`, found through the installed `@roslint/rules`
 * package (a workspace link in a clone), so `roslint explain` and SARIF descriptions work from a
 * fresh clone and from the bundle alike. Also the project's home page for links (package.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const RULE_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;

let docsDir: string | null | undefined;

function findDocsDir(): string | null {
  const candidates: string[] = [];
  try {
    // …/packages/rules/dist/index.js → …/rules (the sources and docs beside packages/)
    candidates.push(path.resolve(path.dirname(fileURLToPath(import.meta.resolve('@roslint/rules'))), '../../../rules'));
  } catch {
    // not resolvable (unusual install); try the repository layout below
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  candidates.push(path.resolve(here, '../../../rules'), path.resolve(here, '../../rules'));
  // A rules directory has one folder per category; `wireguard/` is always there.
  return candidates.find((c) => existsSync(path.join(c, 'wireguard'))) ?? null;
}

/** The Markdown doc of a rule, or undefined (unknown id, or docs not installed). */
export function readRuleDoc(id: string): string | undefined {
  if (!RULE_ID.test(id)) return undefined;
  docsDir ??= findDocsDir();
  if (!docsDir) return undefined;
  try {
    return readFileSync(path.join(docsDir, `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/** The doc's first paragraph of "What it checks" (else the first paragraph after the title), as plain text. */
export function docDescription(md: string): string | undefined {
  const lines = md.split(/\r?\n/);
  let start = lines.findIndex((l) => /^##\s+What it checks/i.test(l));
  if (start < 0) start = lines.findIndex((l) => /^#\s/.test(l));
  const para: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') {
      if (para.length > 0) break;
      continue;
    }
    if (/^#/.test(line) || /^\*\*Severity/.test(line)) {
      if (para.length > 0) break;
      continue;
    }
    para.push(line.trim());
  }
  const text = para.join(' ').replace(/\*\*|`/g, '').trim();
  return text || undefined;
}

interface CliPackage {
  version?: string;
  homepage?: string;
}

let pkg: CliPackage | undefined;

export function cliPackage(): CliPackage {
  if (pkg) return pkg;
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, '../package.json'), path.join(here, '../../package.json')]) {
    try {
      const json = JSON.parse(readFileSync(candidate, 'utf8')) as CliPackage & { name?: string };
      if (json.name === '@roslint/cli') return (pkg = json);
    } catch {
      // next candidate
    }
  }
  return (pkg = {});
}

export function homepage(): string {
  return cliPackage().homepage ?? 'https://github.com/roslint/roslint';
}

/** Where a rule's doc is published (the Markdown file in the repository). */
export function ruleHelpUri(id: string): string {
  return `${homepage().replace(/\/$/, '')}/blob/main/rules/${id}.md`;
}

/** The published JSON schema of configuration files (schema/roslint.config.schema.json on the default branch). */
export function schemaUri(): string {
  const home = homepage().replace(/\/$/, '');
  const m = /^https:\/\/github\.com\/([^/]+\/[^/]+)$/.exec(home);
  return m ? `https://raw.githubusercontent.com/${m[1]}/main/schema/roslint.config.schema.json` : `${home}/schema/roslint.config.schema.json`;
}
