/**
 * Menu path resolution: the current menu plus a path as written → an absolute, canonical menu.
 *
 * `/ip firewall filter` and `/ip/firewall/filter` are the same menu; `..` goes up one level;
 * relative paths continue from the current menu. Abbreviations (`/ip fire fil`) are expanded by the
 * schema when it knows the menu; otherwise the segments are kept as written.
 */
import type { Path } from '@roslint/parser';
import { canonicalizeMenuPath } from '@roslint/schema';

export interface ResolvedMenu {
  /** Absolute segments, canonical when the schema knows the menu, else as written. */
  segments: string[];
  /** `/interface/wireguard/peers`; `/` for the root menu. */
  path: string;
  /** The schema recognised the menu. */
  known: boolean;
  /**
   * Segments as written (abbreviations kept), after resolving `..` against the current menu —
   * what schema checks need to report an abbreviation or an unknown name.
   */
  written: string[];
}

export function menuString(segments: readonly string[]): string {
  return '/' + segments.join('/');
}

// Exports repeat the same few dozen menus hundreds of thousands of times: resolve each once.
const cache = new Map<string, ResolvedMenu>();
const CACHE_LIMIT = 10_000;

function canonicalize(segments: string[], version: string | undefined): ResolvedMenu {
  if (segments.length === 0) return { segments, path: '/', known: true, written: [] };
  const key = (version ?? '') + '\u0000' + segments.join('\u0000');
  const hit = cache.get(key);
  if (hit) return { segments: [...hit.segments], path: hit.path, known: hit.known, written: segments };
  const resolved = canonicalizeUncached(segments, version);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, { segments: [...resolved.segments], path: resolved.path, known: resolved.known, written: [] });
  return resolved;
}

function canonicalizeUncached(segments: string[], version: string | undefined): ResolvedMenu {
  let canonical: string[] | undefined;
  try {
    canonical = canonicalizeMenuPath(segments, version);
  } catch {
    // The schema is another package; a bug there must not stop evaluation.
    canonical = undefined;
  }
  if (canonical && canonical.length > 0) return { segments: [...canonical], path: menuString(canonical), known: true, written: segments };
  return { segments: [...segments], path: menuString(segments), known: false, written: segments };
}

/** Resolve `path` (absolute or relative, possibly null) against the current menu. */
export function resolveMenu(current: readonly string[], path: Path | null, version?: string): ResolvedMenu {
  const out = path === null || !path.absolute ? [...current] : [];
  if (path !== null) {
    for (const seg of path.segments) {
      if (seg.name === '..') out.pop();
      else if (seg.name !== '' && seg.name !== '.') out.push(seg.name);
    }
  }
  return canonicalize(out, version);
}
