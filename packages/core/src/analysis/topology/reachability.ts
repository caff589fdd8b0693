/**
 * How other routers can reach a router from outside: its own addresses, and whether its WAN
 * address is known and public (so that an endpoint-address pointing elsewhere is a mistake rather
 * than a NAT/port-forward in front of it we cannot see).
 */
import type { IpFamily } from '../prefix.js';
import { parsePrefix } from '../prefix.js';
import { lookupDefaultRoute, routingAnalysis } from '../routes.js';
import type { RouterNode } from './routers.js';

export interface Reachability {
  /** Every enabled interface address of the router, as `family:value` keys. */
  ownAddresses: Set<string>;
  /**
   * The WAN (the default route's interface) has only static, public addresses: a connection to
   * this router arrives at one of its own addresses. False when the WAN is unknown, dynamic
   * (DHCP/PPP client, default route from a client) or private/CGNAT (a NAT is in front).
   */
  publicWanKnown: boolean;
}

// RFC 1918, RFC 6598 (CGNAT), loopback/link-local, ULA and IPv6 link-local: addresses behind a NAT.
const NON_PUBLIC = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10']
  .map((t) => parsePrefix(t)!);

export function isPublicAddress(family: IpFamily, value: bigint): boolean {
  return !NON_PUBLIC.some((p) => p.family === family && p.first <= value && value <= p.last);
}

export function addressKey(family: IpFamily, value: bigint): string {
  return `${family}:${value.toString(16)}`;
}

const cache = new WeakMap<RouterNode, Reachability>();

export function reachability(router: RouterNode): Reachability {
  const hit = cache.get(router);
  if (hit) return hit;
  const ownAddresses = new Set<string>();
  for (const a of router.addresses.all) {
    if (!a.disabled && a.address) ownAddresses.add(addressKey(a.family, a.address.address));
  }
  let publicWanKnown = false;
  if (!router.wgQuick) {
    const ra = routingAnalysis(router.config);
    const def = lookupDefaultRoute(ra, 4);
    const wan = def.winners;
    const dynamic = wan.some((r) => r.origin !== 'static' || r.uncertain || r.egress === undefined);
    if (def.certain && wan.length > 0 && !dynamic) {
      const addrs = wan.flatMap((r) => r.egress!).flatMap((i) => router.addresses.byInterface.get(i) ?? []);
      const v4 = addrs.filter((a) => a.family === 4);
      publicWanKnown =
        v4.length > 0 && v4.every((a) => !a.uncertain && a.address !== undefined && isPublicAddress(4, a.address.address));
    }
  }
  const result = { ownAddresses, publicWanKnown };
  cache.set(router, result);
  return result;
}
