/**
 * A union of address ranges of one family, sorted and merged once, that answers "is all of this
 * range in the union?" and "does this range meet the union?" by binary search.
 *
 * Built for firewall address lists, which real exports import by the hundred thousand: ranges are
 * added as plain numbers where they fit (IPv4, exact below 2^53) so that no object is kept per
 * entry, and the merged union is two typed arrays. IPv6 ranges stay bigints.
 */
import type { Bounds, IpFamily } from '../prefix.js';

export class MergedRangesBuilder {
  private readonly firsts: number[] = [];
  private readonly lasts: number[] = [];
  private readonly wide: { first: bigint; last: bigint }[] = [];

  constructor(readonly family: IpFamily) {}

  /** An IPv4 range as numbers (`first ≤ last`, both below 2^32). */
  addNumbers(first: number, last: number): void {
    this.firsts.push(first);
    this.lasts.push(last);
  }

  /** A range of this builder's family. */
  add(b: Bounds): void {
    if (this.family === 4) this.addNumbers(Number(b.first), Number(b.last));
    else this.wide.push({ first: b.first, last: b.last });
  }

  build(): MergedRanges {
    return this.family === 4 ? mergeNumbers(this.firsts, this.lasts) : mergeBigints(this.family, this.wide);
  }
}

export interface MergedRanges {
  readonly family: IpFamily;
  /** No range was added. */
  readonly empty: boolean;
  /** Every address of `b` is in the union (false for another family). */
  covers(b: Bounds): boolean;
  /** Some address of `b` is in the union (false for another family). */
  meets(b: Bounds): boolean;
}

/**
 * Index of the last merged range whose first address is ≤ `v`, or −1. `firstAt(i)` must be
 * strictly ascending in `i`.
 */
function lastStartingAtOrBefore<T>(count: number, firstAt: (i: number) => T, v: T): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (firstAt(mid) <= v) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

// Merging also joins ranges that only touch (`…5` and `6…`): for integer addresses the union is
// the same, and afterwards a range inside the union lies inside a single merged range.

/**
 * Indexes of `firsts` in ascending order of their value. Sorting one Float64Array of keys
 * `first · 2^21 + index` natively is several times faster than a comparator sort of indexes; the
 * keys are exact (below 2^53) while values are below 2^32 and there are fewer than 2^21 of them.
 */
function ascendingOrder(firsts: readonly number[]): ArrayLike<number> {
  const n = firsts.length;
  if (n >= 2 ** 21) return Array.from({ length: n }, (_, i) => i).sort((a, b) => firsts[a]! - firsts[b]!);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = firsts[i]! * 2 ** 21 + i;
  keys.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = keys[i]! % 2 ** 21;
  return order;
}

function mergeNumbers(firsts: number[], lasts: number[]): MergedRanges {
  const order = ascendingOrder(firsts);
  const mf: number[] = [];
  const ml: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const f = firsts[i]!;
    const l = lasts[i]!;
    const n = ml.length;
    if (n > 0 && f <= ml[n - 1]! + 1) {
      if (l > ml[n - 1]!) ml[n - 1] = l;
    } else {
      mf.push(f);
      ml.push(l);
    }
  }
  const mergedFirsts = Float64Array.from(mf);
  const mergedLasts = Float64Array.from(ml);
  const count = mergedFirsts.length;
  const firstAt = (i: number) => mergedFirsts[i]!;
  return {
    family: 4,
    empty: firsts.length === 0,
    covers(b) {
      if (b.family !== 4) return false;
      const i = lastStartingAtOrBefore(count, firstAt, Number(b.first));
      return i >= 0 && mergedLasts[i]! >= Number(b.last);
    },
    meets(b) {
      if (b.family !== 4) return false;
      const i = lastStartingAtOrBefore(count, firstAt, Number(b.last));
      return i >= 0 && mergedLasts[i]! >= Number(b.first);
    },
  };
}

function mergeBigints(family: IpFamily, ranges: { first: bigint; last: bigint }[]): MergedRanges {
  const sorted = [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const merged: { first: bigint; last: bigint }[] = [];
  for (const r of sorted) {
    const top = merged[merged.length - 1];
    if (top !== undefined && r.first <= top.last + 1n) {
      if (r.last > top.last) top.last = r.last;
    } else merged.push({ first: r.first, last: r.last });
  }
  const firstAt = (i: number) => merged[i]!.first;
  return {
    family,
    empty: ranges.length === 0,
    covers(b) {
      if (b.family !== family) return false;
      const i = lastStartingAtOrBefore(merged.length, firstAt, b.first);
      return i >= 0 && merged[i]!.last >= b.last;
    },
    meets(b) {
      if (b.family !== family) return false;
      const i = lastStartingAtOrBefore(merged.length, firstAt, b.last);
      return i >= 0 && merged[i]!.last >= b.first;
    },
  };
}
