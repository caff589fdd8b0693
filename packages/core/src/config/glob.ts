/**
 * Glob patterns of configuration files (`overrides[].files`, `ignorePatterns`, `networks`,
 * `ignores[].files`), matched against paths relative to the directory of the config that wrote
 * them, with `/` separators. Supported: `*`, `?`, `**`, `{a,b}`, `[abc]`. As in ESLint's
 * eslintrc, a pattern without a `/` matches the file name in any directory (`*.rsc`).
 */
import * as path from 'node:path';

const cache = new Map<string, RegExp>();

function toRegExp(pattern: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        // `**/` = any number of directories, `**` at the end = anything.
        if (pattern[i + 2] === '/') {
          re += '(?:[^/]*/)*';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += /[\\^$.|+()[\]{}]/.test(c) ? `\\${c}` : c;
  }
  while (braces-- > 0) re += ')';
  return new RegExp(`^${re}$`);
}

function compiled(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = toRegExp(pattern);
    cache.set(pattern, re);
  }
  return re;
}

/** `rel` is a `/`-separated path relative to the pattern's base directory. */
export function matchesGlob(rel: string, pattern: string): boolean {
  let p = pattern.replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  if (p.endsWith('/')) p = `${p}**`;
  if (!p.includes('/')) return compiled(p).test(rel.slice(rel.lastIndexOf('/') + 1));
  if (p.startsWith('/')) p = p.slice(1);
  return compiled(p).test(rel);
}

/** A file's path relative to `baseDir` with `/` separators, or undefined when it lies outside. */
export function relativeTo(baseDir: string, file: string): string | undefined {
  const rel = path.relative(baseDir, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** Does any pattern match the file (or, for ignore patterns, one of its parent directories)? */
export function matchesAny(baseDir: string, file: string, patterns: readonly string[], includeParents = false): boolean {
  const rel = relativeTo(baseDir, file);
  if (rel === undefined) return false;
  const candidates = [rel];
  if (includeParents) {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) candidates.push(parts.slice(0, i).join('/'));
  }
  return patterns.some((p) => candidates.some((c) => matchesGlob(c, p)));
}
