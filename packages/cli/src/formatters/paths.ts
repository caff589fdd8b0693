import * as path from 'node:path';

/** A result's file as a `/`-separated path relative to `cwd` (as CI annotations and SARIF want). */
export function repoRelative(file: string, cwd: string): string {
  if (file.startsWith('<')) return file;
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return (rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(cwd, file) : rel).split(path.sep).join('/');
}

/** Absolute path (what ESLint's checkstyle and junit formats print). */
export function absolute(file: string, cwd: string): string {
  return file.startsWith('<') ? file : path.resolve(cwd, file);
}

/** One line of text: line breaks and the spaces around them become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ');
}
