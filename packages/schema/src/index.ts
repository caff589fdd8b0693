/**
 * The RouterOS command schema (generated from RouterOS's own /console/inspect trees).
 * (Placeholder; the generated schema and full API replace this.)
 */

/**
 * Canonical full menu path for absolute segments as written (`['ip','fire','fil']` →
 * `['ip','firewall','filter']`), expanding unique-prefix abbreviations. Undefined when the path is
 * not a known menu.
 */
export function canonicalizeMenuPath(segments: readonly string[], version?: string): string[] | undefined {
  void segments; void version;
  return undefined;
}
