/**
 * Command-line patterns → the files to lint. A directory is searched recursively for `*.rsc`, and
 * for wg-quick client configs — `*.conf` files with an `[Interface]` section (other .conf files are
 * not WireGuard's) — skipping node_modules and dot-directories; a glob goes through tinyglobby; an
 * existing file is taken as given whatever its extension.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface CollectedFiles {
  /** Paths as they will be shown (relative when the pattern was relative). */
  files: string[];
  /** One-line problems (missing paths, globs matching nothing). */
  errors: string[];
}

const WG_INTERFACE_SECTION = /^[ \t]*\[Interface\][ \t]*$/im;

/** A `.conf` file is a wg-quick config when it has an `[Interface]` section (checked in its first 64 KiB). */
async function isWgQuickConf(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return WG_INTERFACE_SECTION.test(buf.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

async function walk(dir: string, display: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return; // an unreadable subdirectory is skipped, like `find` would
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    const shown = path.join(display, e.name);
    if (e.isDirectory()) await walk(full, shown, out);
    // Symlinks and other entries named *.rsc are included; reading them reports any problem.
    else if (e.name.toLowerCase().endsWith('.rsc')) out.push(shown);
    else if (e.name.toLowerCase().endsWith('.conf') && (await isWgQuickConf(full))) out.push(shown);
  }
}

export async function collectFiles(patterns: readonly string[], cwd: string): Promise<CollectedFiles> {
  const files: string[] = [];
  const errors: string[] = [];
  const list = patterns.length > 0 ? patterns : ['.'];
  for (const pattern of list) {
    const abs = path.resolve(cwd, pattern);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (stat?.isDirectory()) {
      const found: string[] = [];
      await walk(abs, pattern, found);
      if (found.length === 0 && patterns.length > 0) errors.push(`no .rsc files found in "${pattern}"`);
      files.push(...found);
    } else if (stat) {
      files.push(pattern);
    } else if (isDynamicPattern(pattern)) {
      const matched = await glob([pattern], { cwd, ignore: ['**/node_modules/**'], onlyFiles: true, expandDirectories: false });
      if (matched.length === 0) errors.push(`no files match "${pattern}"`);
      files.push(...matched.sort());
    } else {
      errors.push(`cannot read "${pattern}": no such file or directory`);
    }
  }
  // The same file named twice (a dir and a glob) is linted once.
  const seen = new Set<string>();
  const unique = files.filter((f) => {
    const key = path.resolve(cwd, f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0 && patterns.length === 0 && errors.length === 0) {
    errors.push('no .rsc files found in the current directory');
  }
  return { files: unique, errors };
}
