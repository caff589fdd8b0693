/**
 * wireguard/endpoint-via-tunnel: a peer's endpoint address is itself routed into the tunnel, so the
 * encrypted packets would be sent into the tunnel they carry — a routing loop.
 */
import type { Item, RouterConfig, RouterRule } from '@roslint/core';
import { certain, liveInterfaceOf, containsAddress, isDisabled, parseAddress, parsePrefix, peerRef, wireguardView, type IpFamily } from '@roslint/core';
// Not yet re-exported by @roslint/core's analysis index.
import { MAIN_TABLE, lookupRoute, routeGoesVia, routingAnalysis } from '@roslint/core';

/**
 * Policy routing the router's own packets might hit (routing rules that can match the endpoint,
 * routing marks set in the output chain): then main's answer is not certain.
 */
function policyMayApply(config: RouterConfig, family: IpFamily, value: bigint): boolean {
  const enabled = (menu: string): Item[] => config.items(menu).filter((i) => !isDisabled(i));
  for (const rule of [...enabled('/routing/rule'), ...enabled('/ip/route/rule')]) {
    const dst = rule.props.get('dst-address');
    if (dst === undefined || dst.dynamic) return true;
    const p = parsePrefix(dst.text);
    if (p === undefined || containsAddress(p, family, value)) return true;
  }
  for (const menu of ['/ip/firewall/mangle', '/ipv6/firewall/mangle', '/routing/mangle']) {
    for (const m of enabled(menu)) {
      const chain = m.props.get('chain');
      if (m.props.has('new-routing-mark') && (chain === undefined || chain.dynamic || chain.text === 'output')) return true;
    }
  }
  return false;
}

export const wireguardEndpointViaTunnel: RouterRule = {
  meta: {
    id: 'wireguard/endpoint-via-tunnel',
    defaultSeverity: 'error',
    summary: "peer's endpoint address is routed into its own tunnel (routing loop)",
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    const view = ctx.use(wireguardView);
    const ra = ctx.use(routingAnalysis);
    for (const peer of view.peers) {
      const wg = liveInterfaceOf(view, peer);
      const ep = certain(peer.endpointAddressValue);
      if (wg === undefined || ep === undefined) continue;
      const addr = parseAddress(ep.text); // host names resolve at run time: out of reach
      if (addr === undefined || addr.scope !== undefined) continue;
      const vrf = wg.item.props.get('vrf');
      if (vrf !== undefined && (vrf.dynamic || vrf.text !== MAIN_TABLE)) continue;
      if (policyMayApply(ctx.config, addr.family, addr.value)) continue;
      const lookup = lookupRoute(ra, addr.family, addr.value);
      // Only when the tunnel certainly wins: most specific, lowest distance, no tie with another way out.
      if (!lookup.certain || lookup.winners.length === 0) continue;
      if (!lookup.winners.every((r) => routeGoesVia(r, wg.name))) continue;
      const route = lookup.winners[0]!;
      const how =
        route.origin === 'connected'
          ? `it lies in ${route.dstText}, a subnet on ${wg.name} itself`
          : `the route ${route.dstText} gateway=${route.gatewayText} carries it`;
      ctx.report({
        span: ep.span,
        message:
          `endpoint ${ep.text} of ${peerRef(peer)} is routed into its own tunnel \`${wg.name}\` (${how}): the encrypted ` +
          `packets would loop back into ${wg.name} and the tunnel never comes up. Add a more specific route to the endpoint ` +
          `through the WAN (\`${addr.family === 4 ? '/ip route' : '/ipv6 route'} add dst-address=${ep.text}/${addr.family === 4 ? 32 : 128} gateway=<WAN gateway>\`)`,
        related: [{ span: route.span, message: `this ${route.origin === 'connected' ? 'address' : 'route'} sends ${ep.text} into ${wg.name}` }],
      });
    }
  },
};

export default wireguardEndpointViaTunnel;
