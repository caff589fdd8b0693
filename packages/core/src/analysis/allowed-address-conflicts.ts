/**
 * Allowed-address conflicts between the peers of one WireGuard interface: the same prefix claimed
 * twice, and prefixes of one peer containing other peers' (the most specific wins, silently).
 * Rules use it through `ctx.use(allowedAddressConflicts)`.
 */
import { type RouterConfig, certainProp } from '../model/types.js';
import type { Prefix } from './prefix.js';
import { type AllowedAddress, type WgPeer, type WireGuardView, wireguardView } from './wireguard.js';

/** One enabled peer's claim of one parsed allowed-address prefix. */
export interface AllowedClaim {
  peer: WgPeer;
  entry: AllowedAddress;
  prefix: Prefix;
}

export interface AllowedAddressConflicts {
  /** A later claim of the same prefix (same network and length) as `first` on one interface. */
  duplicates: { interfaceName: string; first: AllowedClaim; again: AllowedClaim }[];
  /**
   * A prefix of one peer strictly containing prefixes of other peers on the same interface.
   * Each inner claim is listed under its nearest (most specific) containing claim only.
   */
  overlaps: { interfaceName: string; outer: AllowedClaim; inners: AllowedClaim[] }[];
}

/** The claims a rule may judge, by interface: enabled peers, certain values, parsed prefixes. */
export function claimsByInterface(view: WireGuardView): Map<string, AllowedClaim[]> {
  const out = new Map<string, AllowedClaim[]>();
  for (const peer of view.peers) {
    if (peer.disabled || peer.item.uncertain || peer.interfaceName === undefined) continue;
    // `certain(peer.allowedValue)` without building the value.
    if (!peer.interfaceCertain || certainProp(peer.item, 'allowed-address') === undefined) continue;
    let list = out.get(peer.interfaceName);
    for (const entry of peer.allowed) {
      if (!entry.prefix) continue;
      if (!list) out.set(peer.interfaceName, (list = []));
      list.push({ peer, entry, prefix: entry.prefix });
    }
  }
  return out;
}

/**
 * Duplicate and overlapping allowed-address claims per interface, from one sort and one sweep per
 * interface (O(n log n + reports)), never pairwise over all peers.
 */
export function allowedAddressConflicts(config: RouterConfig): AllowedAddressConflicts {
  const view = wireguardView(config);
  const result: AllowedAddressConflicts = { duplicates: [], overlaps: [] };
  for (const [interfaceName, claims] of claimsByInterface(view)) {
    const { firstOf, nearest } = sweepClaims(claims);
    // Duplicates in claim order, each against the earliest claim of its prefix.
    for (let i = 0; i < claims.length; i++) {
      const first = firstOf[i];
      if (first !== undefined) result.duplicates.push({ interfaceName, first, again: claims[i]! });
    }
    for (const o of overlapsByOuter(interfaceName, nearest)) result.overlaps.push(o);
  }
  result.overlaps.sort((a, b) => a.outer.entry.span.start - b.outer.entry.span.start);
  return result;
}

/**
 * (inner, nearest outer) pairs grouped by outer claim, in order of each outer's first pair, its
 * inners in source order.
 */
export function overlapsByOuter(
  interfaceName: string,
  nearest: Iterable<[inner: AllowedClaim, outer: AllowedClaim]>,
): AllowedAddressConflicts['overlaps'] {
  const byOuter = new Map<AllowedClaim, AllowedClaim[]>();
  for (const [inner, outer] of nearest) {
    let list = byOuter.get(outer);
    if (!list) byOuter.set(outer, (list = []));
    list.push(inner);
  }
  const out: AllowedAddressConflicts['overlaps'] = [];
  for (const [outer, inners] of byOuter) {
    inners.sort((a, b) => a.entry.span.start - b.entry.span.start);
    out.push({ interfaceName, outer, inners });
  }
  return out;
}

/** Claims of one prefix (same family, network and length) on the sweep's stack. */
interface PrefixGroup {
  first: AddressKey;
  last: AddressKey;
  length: number;
  /** The earliest claim of the prefix. */
  claim: AllowedClaim;
  /** The earliest claim of the prefix by a peer other than `claim`'s, if any. */
  otherPeer: AllowedClaim | undefined;
}

/**
 * An address of one family as a value that compares (`<`, `===`) like the address: the number
 * itself for IPv4, fixed-width hex for IPv6. Comparing bigints costs a runtime call each, and the
 * sweep compares every claim ~log n times.
 */
type AddressKey = number | string;

function addressKey(family: 4 | 6, value: bigint): AddressKey {
  return family === 4 ? Number(value) : value.toString(16).padStart(32, '0');
}

/**
 * One interface's claims in sweep order — family, network ascending, length ascending (so a
 * container precedes what it contains), then claim order — walked with a stack of the prefixes
 * that contain the current one. Prefixes are nested or disjoint, so the stack is the chain of
 * containers and its top is the nearest.
 *
 * `firstOf[i]` is the earliest claim of claim i's prefix when claim i repeats it; `nearest` pairs a
 * claim with its nearest strict container claimed by another peer (the earliest such claim of that
 * prefix), in sweep order of the inner claim.
 */
function sweepClaims(claims: readonly AllowedClaim[]): {
  firstOf: (AllowedClaim | undefined)[];
  nearest: [inner: AllowedClaim, outer: AllowedClaim][];
} {
  const firstOf = new Array<AllowedClaim | undefined>(claims.length).fill(undefined);
  const nearest: [AllowedClaim, AllowedClaim][] = [];
  for (const family of [4, 6] as const) {
    const order: number[] = [];
    const firstKey: AddressKey[] = [];
    const lastKey: AddressKey[] = [];
    for (let i = 0; i < claims.length; i++) {
      const p = claims[i]!.prefix;
      if (p.family !== family) continue;
      order.push(i);
      firstKey[i] = addressKey(family, p.first);
      lastKey[i] = addressKey(family, p.last);
    }
    order.sort((i, j) => {
      const x = firstKey[i]!;
      const y = firstKey[j]!;
      if (x !== y) return x < y ? -1 : 1;
      return claims[i]!.prefix.length - claims[j]!.prefix.length || i - j;
    });
    const stack: PrefixGroup[] = [];
    for (const i of order) {
      const claim = claims[i]!;
      const first = firstKey[i]!;
      const length = claim.prefix.length;
      // Drop the prefixes that ended before this one starts: the rest contain it.
      while (stack.length > 0 && stack[stack.length - 1]!.last < first) stack.pop();
      // (Guarded: reading index −1 is a slow named-property lookup, not a quick miss.)
      const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
      if (top !== undefined && top.first === first && top.length === length) {
        firstOf[i] = top.claim;
        if (top.otherPeer === undefined && claim.peer !== top.claim.peer) top.otherPeer = claim;
      } else {
        stack.push({ first, last: lastKey[i]!, length, claim, otherPeer: undefined });
      }
      // Every group below the top strictly contains this prefix; the deepest with another peer's claim wins.
      for (let k = stack.length - 2; k >= 0; k--) {
        const g = stack[k]!;
        const outer = g.claim.peer !== claim.peer ? g.claim : g.otherPeer;
        if (outer !== undefined) {
          nearest.push([claim, outer]);
          break;
        }
      }
    }
  }
  return { firstOf, nearest };
}
