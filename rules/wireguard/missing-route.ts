/**
 * wireguard/missing-route: an allowed-address prefix that no connected subnet or route sends
 * through the peer's interface. RouterOS does not create routes from allowed-address.
 */
import type { Bounds, Prefix, RouterRule } from '@roslint/core';
import { certain, liveInterfaceOf, contains, overlaps, parsePrefix, peerRef, wireguardView } from '@roslint/core';
// Not yet re-exported by @roslint/core's analysis index.
import {
  MAIN_TABLE,
  routesByInterface,
  routingAnalysis,
  tableSelectedBy,
  type Route,
  type RoutingAnalysis,
} from '@roslint/core';
import { addressesOn, isDisabled, listMembership, runsDynamicRouting } from '@roslint/core';
import type { RouterConfig } from '@roslint/core';

/** Traffic that never needs a route: link-local unicast and multicast (OSPF over WireGuard, …). */
const ROUTE_FREE: Bounds[] = ['fe80::/10', 'ff00::/8', '224.0.0.0/4', '169.254.0.0/16'].map((t) => parsePrefix(t)!);

type Coverage = { covered: true } | { covered: false; otherTable?: Route; localOn?: string };

/**
 * Covered = inside a subnet connected to `iface`, or a main-table route through `iface` contains or
 * lies inside the prefix (routing part of a broad claim such as `0.0.0.0/0` is a deliberate split
 * tunnel), or such a route of another table that a routing rule/mark selects. Uncertain routes
 * might exist and go anywhere, so they count. A default claim (`0.0.0.0/0`, `::/0`) with no route
 * through `iface` in any table is the "accept any source" idiom of hubs and site links: when the
 * interface has a subnet, only that subnet is meant to be routed (a default route into the tunnel,
 * as the message would suggest, would take the router's own traffic away from its WAN).
 */
/**
 * Signs that a default claim means "send everything here": the tunnel is in the WAN list, or the
 * router masquerades/src-NATs out of it. Then the missing default route is reported after all.
 */
function fullTunnelIntent(config: RouterConfig, iface: string, family: 4 | 6): boolean {
  if (listMembership(config, 'WAN', iface) === 'yes') return true;
  return config.items(family === 4 ? '/ip/firewall/nat' : '/ipv6/firewall/nat').some((item) => {
    const action = item.props.get('action')?.text;
    return !isDisabled(item) && (action === 'masquerade' || action === 'src-nat') && item.props.get('out-interface')?.text === iface;
  });
}

function coverage(config: RouterConfig, ra: RoutingAnalysis, iface: string, p: Prefix): Coverage {
  if (ROUTE_FREE.some((f) => contains(f, p))) return { covered: true };
  // OSPF/RIP over the tunnel installs routes the file cannot show.
  if (runsDynamicRouting(config, iface)) return { covered: true };
  for (const a of addressesOn(ra.addresses, iface, p.family)) {
    if (a.uncertain || a.connected.some((s) => contains(s, p))) return { covered: true };
  }
  if (ra.addresses.unknownInterface.length > 0) return { covered: true };
  const index = routesByInterface(ra);
  if (index.uncertain.some((r) => r.family === p.family && (r.dst === undefined || overlaps(r.dst, p)))) {
    return { covered: true };
  }
  let otherTable: Route | undefined;
  for (const group of index.byInterface.get(iface) ?? []) {
    if (group.family !== p.family || !group.ranges.overlapsAny(p)) continue;
    if (group.table === MAIN_TABLE || tableSelectedBy(ra, group.table).length > 0) return { covered: true };
    otherTable ??= group.routes.find((r) => overlaps(r.dst!, p));
  }
  if (otherTable) return { covered: false, otherTable };
  if (p.length === 0 && !fullTunnelIntent(config, iface, p.family) && addressesOn(ra.addresses, iface, p.family).some((a) => a.connected.length > 0)) {
    return { covered: true };
  }
  // The router's own subnet on another interface: a route into the tunnel would cut that LAN off.
  const local = ra.addresses.all.find(
    (a) => a.interface !== undefined && a.interface !== iface && a.family === p.family && !a.disabled && a.connected.some((s) => contains(s, p)),
  );
  return local ? { covered: false, localOn: local.interface! } : { covered: false };
}

export const wireguardMissingRoute: RouterRule = {
  meta: {
    id: 'wireguard/missing-route',
    defaultSeverity: 'warning',
    summary: 'allowed-address prefix that no route or connected subnet sends through the WireGuard interface',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    const view = ctx.use(wireguardView);
    const ra = ctx.use(routingAnalysis);
    for (const peer of view.peers) {
      const wg = liveInterfaceOf(view, peer);
      if (wg === undefined || !certain(peer.allowedValue)) continue;
      for (const entry of peer.allowed) {
        const p = entry.prefix;
        if (p === undefined) continue;
        const cov = coverage(ctx.config, ra, wg.name, p);
        if (cov.covered) continue;
        const menu = p.family === 4 ? '/ip route' : '/ipv6 route';
        if (cov.localOn !== undefined) {
          ctx.report({
            span: entry.span,
            message:
              `allowed-address ${entry.text} of ${peerRef(peer)} is this router's own subnet on \`${cov.localOn}\`, so traffic ` +
              `to it stays there and never enters \`${wg.name}\`; remove it from allowed-address, or renumber one side if the ` +
              `far end uses the same subnet`,
          });
          continue;
        }
        const other = cov.otherTable;
        const tableNote = other
          ? `; the route ${other.dstText} via ${wg.name} in routing-table=${other.table} does not count, because no ` +
            `routing rule or mangle routing mark selects table ${other.table}`
          : '';
        ctx.report({
          span: entry.span,
          message:
            `allowed-address ${entry.text} of ${peerRef(peer)} is not routed through \`${wg.name}\`: it is in no subnet on ` +
            `${wg.name} and no ${menu} sends it there${tableNote}. RouterOS does not create routes from allowed-address, ` +
            `so traffic to ${p.canonical} leaves another way (add \`${menu} add dst-address=${p.canonical} gateway=${wg.name}\`)`,
          ...(other ? { related: [{ span: other.span, message: `route in routing-table=${other.table}, which nothing selects` }] } : {}),
        });
      }
    }
  },
};

export default wireguardMissingRoute;
