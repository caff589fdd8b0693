/**
 * The `.rsc` files (and wg-quick `.conf` files) of the workspace folders on disk: found once at start-up, then kept current by
 * file-watcher events. Contents are read lazily and cached by modification time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { isConfFile, isRouterOsFile, looksLikeWgQuick } from './uris.js';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);
/** Enough for any real network; stops a workspace opened at `/` from walking the disk. */
const MAX_FILES = 2000;
const MAX_DEPTH = 8;

export function findRouterOsFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= MAX_FILES) return;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(path.join(dir, e.name), depth + 1);
      } else if (e.isFile() && (isRouterOsFile(e.name) || (isConfFile(e.name) && isWgQuickFile(path.join(dir, e.name))))) {
        out.push(path.join(dir, e.name));
      }
    }
  };
  walk(root, 0);
  return out;
}

/** A `.conf` file that is a wg-quick config (read up to 64 KB to tell). */
export function isWgQuickFile(file: string): boolean {
  try {
    const st = statSync(file);
    if (st.size > 1_000_000) return false;
    return looksLikeWgQuick(readFileSync(file));
  } catch {
    return false;
  }
}

export class DiskFiles {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; bytes: Uint8Array }>();

  /** The file's bytes, or undefined when it cannot be read. */
  read(file: string): Uint8Array | undefined {
    try {
      const st = statSync(file);
      const hit = this.cache.get(file);
      if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.bytes;
      const bytes = readFileSync(file);
      this.cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, bytes });
      return bytes;
    } catch {
      this.cache.delete(file);
      return undefined;
    }
  }

  forget(file: string): void {
    this.cache.delete(file);
  }
}
