/**
 * The packet a firewall question is about, and the small value sets it is described with.
 *
 * Anything left undefined is "not known": a matcher that needs it answers `unknown`. Addresses
 * are sets (a union of ranges) so that "some address of the router other than 127.0.0.1" or "any
 * source" can be described exactly; a matcher answers `yes` only when every address of the set
 * matches and `no` only when none does.
 */
import type { Bounds, IpFamily } from '../prefix.js';

export type ConnectionState = 'new' | 'established' | 'related' | 'invalid' | 'untracked';

export interface PacketDescription {
  family: IpFamily;
  /** L3 interface the packet arrived on (input, forward); undefined = cannot tell. */
  inInterface?: string;
  /** L3 interface the packet leaves through (forward, output); undefined = cannot tell. */
  outInterface?: string;
  /** `udp`, `tcp`, `icmp`, a number…; undefined = any protocol. */
  protocol?: string;
  /** The source is one of these addresses (union of ranges). */
  src: Bounds[];
  dst: Bounds[];
  srcPort?: number;
  dstPort?: number;
  connectionState?: ConnectionState;
  /** Whether the connection was source/destination NATed; undefined = cannot tell. */
  natState?: { srcnat: boolean; dstnat: boolean };
  /** Whether an IPsec policy matched on the way in / out; undefined = cannot tell. */
  ipsecIn?: boolean;
  ipsecOut?: boolean;
}

const MAX: Record<IpFamily, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

/** Every address of the family. */
export function anyAddress(family: IpFamily): Bounds[] {
  return [{ family, first: 0n, last: MAX[family] }];
}

/** `ranges` without the addresses in `holes` (all of one family). */
export function excluding(ranges: Bounds[], holes: Bounds[]): Bounds[] {
  let out = ranges;
  for (const h of holes) {
    const next: Bounds[] = [];
    for (const r of out) {
      if (h.last < r.first || h.first > r.last) {
        next.push(r);
        continue;
      }
      if (r.first < h.first) next.push({ family: r.family, first: r.first, last: h.first - 1n });
      if (h.last < r.last) next.push({ family: r.family, first: h.last + 1n, last: r.last });
    }
    out = next;
  }
  return out;
}

/** Every address of the family except the loopback range (what a packet from outside can carry). */
export function nonLoopback(family: IpFamily): Bounds[] {
  if (family === 4) {
    const lo = 0x7f000000n;
    return [
      { family, first: 0n, last: lo - 1n },
      { family, first: lo + 0x1000000n, last: MAX[4] },
    ];
  }
  return [
    { family, first: 0n, last: 0n },
    { family, first: 2n, last: MAX[6] },
  ];
}

// Address lists are asked about once per rule and packet; sorting a 30,000-entry list every time
// dominated the 20 MB benchmark. The sorted copy is kept per list array (arrays are built once per
// config; the length check guards against one grown later).
const SORTED_BOUNDS = new WeakMap<readonly Bounds[], readonly Bounds[]>();

/** `bounds` in ascending order of their first address (a sorted copy; stable). */
export function sortedByFirst(bounds: readonly Bounds[]): Bounds[] {
  return [...bounds].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
}

function sortedBounds(of: readonly Bounds[]): readonly Bounds[] {
  let sorted = SORTED_BOUNDS.get(of);
  if (sorted === undefined || sorted.length !== of.length) {
    sorted = sortedByFirst(of);
    SORTED_BOUNDS.set(of, sorted);
  }
  return sorted;
}

/** Is every range of `set` inside the union `of`? (`of` may be unsorted; ranges may touch.) */
export function setWithin(set: readonly Bounds[], of: readonly Bounds[]): boolean {
  return setWithinSorted(set, sortedBounds(of));
}

/** `setWithin` for an `of` already in ascending order of first address (no cache lookup). */
export function setWithinSorted(set: readonly Bounds[], sorted: readonly Bounds[]): boolean {
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
