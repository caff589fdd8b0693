/** Did-you-mean helpers: edit distance over sibling names. */

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length, m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2: number[] = [];
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m]!;
}

/**
 * Candidates close to `word`, nearest first (ties by name). The default limit allows one edit per
 * three characters (at least one), so short words only match near-identical names.
 */
export function closestNames(word: string, candidates: Iterable<string>, maxDistance?: number): string[] {
  const limit = maxDistance ?? Math.max(1, Math.floor(word.length / 3));
  const scored: [string, number][] = [];
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(word, c);
    if (d <= limit) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return scored.map(([c]) => c);
}
