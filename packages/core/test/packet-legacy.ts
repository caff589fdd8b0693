/** Set operations of packet.ts as they were (roslint 260fa47), the reference for range-set tests. */
import type { Bounds } from '../src/analysis/prefix.js';

/** Is every range of `set` inside the union `of`? (`of` may be unsorted; ranges may touch.) */
const SORTED_BOUNDS = new WeakMap<readonly Bounds[], readonly Bounds[]>();

function sortedBounds(of: readonly Bounds[]): readonly Bounds[] {
  let sorted = SORTED_BOUNDS.get(of);
  if (sorted === undefined || sorted.length !== of.length) {
    sorted = [...of].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    SORTED_BOUNDS.set(of, sorted);
  }
  return sorted;
}

export function setWithin(set: readonly Bounds[], of: readonly Bounds[]): boolean {
  const sorted = sortedBounds(of);
  for (const r of set) {
    let next = r.first;
    let covered = false;
    for (const o of sorted) {
      if (o.family !== r.family || o.last < next) continue;
      if (o.first > next) return false; // a gap before the rest of `r`
      if (o.last >= r.last) {
        covered = true;
        break;
      }
      next = o.last + 1n;
    }
    if (!covered) return false;
  }
  return true;
}

/** Do `a` and `b` share an address? */
export function setsOverlap(a: readonly Bounds[], b: readonly Bounds[]): boolean {
  for (const x of a) for (const y of b) if (x.family === y.family && x.first <= y.last && y.first <= x.last) return true;
  return false;
}
