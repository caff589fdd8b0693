/**
 * RouterOS versions known to the schema and mapping of any version text onto one of them.
 * Each known version stands for its release line (7.22.3 ⇒ the 7.22 line).
 */
import { loadSchema } from './data.js';

export function knownVersions(): readonly string[] {
  return loadSchema().versions;
}

export function newestVersion(): string {
  const v = loadSchema().versions;
  return v[v.length - 1]!;
}

/** '7.22.1' → [7, 22, 1]; the first dotted number in the text, or undefined. */
export function parseVersion(text: string): number[] | undefined {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const resolved = new Map<string, string | undefined>();

/**
 * The known version to judge a file by: the known version of the same release line
 * (7.22.1 and 7.22rc2 → 7.22.3), else the nearest lower known line, else (newer than all) the
 * newest. Older than the oldest known line (6.x, 7.8) or not a version at all → undefined.
 */
export function resolveVersion(text: string): string | undefined {
  if (resolved.has(text)) return resolved.get(text);
  let result: string | undefined;
  const want = parseVersion(text);
  if (want !== undefined) {
    const line = [want[0]!, want[1]!, 0];
    for (const v of loadSchema().versions) {
      const p = parseVersion(v)!;
      if (compare([p[0]!, p[1]!, 0], line) <= 0) result = v;
    }
  }
  resolved.set(text, result);
  return result;
}

/** Bit mask of one version (resolved with resolveVersion), or undefined when unknown. */
export function versionBit(version: string): number | undefined {
  const v = resolveVersion(version);
  if (v === undefined) return undefined;
  return 1 << loadSchema().versions.indexOf(v);
}

export function versionsOfMask(mask: number): string[] {
  return loadSchema().versions.filter((_, i) => (mask >>> i) & 1);
}

/** Compact text for a version set: '7.17.1–7.24', '7.15.3–7.16.2, 7.20.8'. */
export function describeVersions(versions: readonly string[]): string {
  const all = loadSchema().versions;
  const idx = versions.map((v) => all.indexOf(v)).filter((i) => i >= 0).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j]! + 1) j++;
    parts.push(i === j ? all[idx[i]!]! : `${all[idx[i]!]}–${all[idx[j]!]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
