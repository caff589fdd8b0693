/**
 * allowedAddressConflicts as it was before the stack sweep (roslint 1e00499, then in wireguard.ts): a Map of
 * canonical prefix texts for duplicates and the generic `sortAndSweep` for containment. Kept as the
 * reference the wireguard perf-equivalence test compares against. Not used by code.
 */
import type { RouterConfig } from '../src/model/types.js';
import { sameBounds, sortAndSweep } from '../src/analysis/prefix.js';
// The claims are the same as today's; only the search below is the old one.
import { wireguardView } from '../src/analysis/wireguard.js';
import { type AllowedAddressConflicts, type AllowedClaim, claimsByInterface, overlapsByOuter } from '../src/analysis/allowed-address-conflicts.js';

export function allowedAddressConflicts(config: RouterConfig): AllowedAddressConflicts {
  const view = wireguardView(config);
  const result: AllowedAddressConflicts = { duplicates: [], overlaps: [] };
  for (const [interfaceName, claims] of claimsByInterface(view)) {
    const firstByKey = new Map<string, AllowedClaim>();
    for (const c of claims) {
      const key = c.prefix.canonical;
      const first = firstByKey.get(key);
      if (first) result.duplicates.push({ interfaceName, first, again: c });
      else firstByKey.set(key, c);
    }
    const nearest = new Map<AllowedClaim, AllowedClaim>();
    sortAndSweep(claims, (c) => c.prefix, (outer, inner) => {
      if (outer.peer === inner.peer || sameBounds(outer.prefix, inner.prefix)) return;
      const cur = nearest.get(inner);
      if (!cur || outer.prefix.length > cur.prefix.length) nearest.set(inner, outer);
    });
    for (const o of overlapsByOuter(interfaceName, nearest)) result.overlaps.push(o);
  }
  result.overlaps.sort((a, b) => a.outer.entry.span.start - b.outer.entry.span.start);
  return result;
}
