/**
 * Export header and RouterOS version detection.
 *
 * `/export` starts with `# <date> <time> by RouterOS <version>` (ISO date from 7.10, `sep/17/2022`
 * before), followed by `# software id = …`, `# model = …`, `# serial number = …` and, on newer CHR,
 * `# system id = …` lines. An explicit version option wins over the header.
 */
import type { Comment, SourceText } from '@roslint/parser';
import type { ExportHeader, RouterOSVersion } from './types.js';

const HEADER_RE = /^\s*(\S+\s+\S+)\s+by\s+RouterOS\s+(\d+\.\d+(?:\.\d+)?[0-9A-Za-z.]*)\s*$/;
const FIELD_RE = /^\s*(software id|model|serial number|system id)\s*=\s*(.*?)\s*$/i;

/** `7.14.1` → {major 7, minor 14, patch 1}; `7.10` → patch 0; `7.15rc1` → 7.15.0. */
export function parseVersion(text: string, source: RouterOSVersion['source']): RouterOSVersion | undefined {
  const m = /^\s*v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return { text: text.trim(), major: Number(m[1]), minor: Number(m[2]), patch: m[3] === undefined ? 0 : Number(m[3]), source };
}

export interface HeaderInfo {
  header?: ExportHeader;
  version?: RouterOSVersion;
}

/**
 * Find the export header among the comments that come before the first statement
 * (`firstStatementStart`), so a copied header deep inside a script does not count.
 */
export function detectHeader(comments: readonly Comment[], source: SourceText, firstStatementStart: number): HeaderInfo {
  let header: ExportHeader | undefined;
  let version: RouterOSVersion | undefined;
  for (const c of comments) {
    if (c.start >= firstStatementStart) break;
    if (!header) {
      const m = HEADER_RE.exec(c.text);
      if (!m) continue;
      header = { span: { start: c.start, end: c.end }, date: m[1], version: m[2] };
      const v = parseVersion(m[2]!, 'header');
      if (v) {
        const at = source.text.indexOf(m[2]!, c.start);
        if (at >= 0 && at < c.end) v.span = { start: at, end: at + m[2]!.length };
        version = v;
      }
      continue;
    }
    const f = FIELD_RE.exec(c.text);
    if (!f) continue;
    const key = f[1]!.toLowerCase();
    const value = f[2]!;
    if (key === 'software id') header.softwareId = value;
    else if (key === 'model') header.model = value;
    else if (key === 'serial number') header.serialNumber = value;
    else if (key === 'system id') header.systemId = value;
  }
  return { header, version };
}
