/**
 * The source addresses a router's packets carry when they enter one of its tunnels: its tunnel
 * address on that interface (always), and its LAN subnets when it routes traffic into the tunnel
 * without masquerading it. The other end's allowed-address must accept them, or WireGuard drops
 * them on arrival.
 */
import type { Span } from '@roslint/parser';
import { isDisabled, prop } from '../../model/types.js';
import type { Bounds } from '../prefix.js';
import { routingAnalysis } from '../routes.js';
import type { WgInterface } from '../wireguard.js';
import { isPublicAddress } from './reachability.js';
import type { RouterNode } from './routers.js';

export interface SourceSubnet {
  subnet: Bounds;
  /** The subnet as text (`10.20.20.0/24`). */
  text: string;
  /** Where the router gets it (its address item's value). */
  span: Span;
  interfaceName: string;
}

/**
 * LAN subnets the router forwards into `iface`: connected subnets of private addresses on
 * non-WireGuard interfaces that are not the default route's egress, when a static route sends
 * traffic into `iface` and no srcnat masquerades on `iface`. Empty when any of that is unclear.
 */
export function lanSourcesInto(router: RouterNode, iface: WgInterface): SourceSubnet[] {
  if (router.wgQuick) return [];
  const ra = routingAnalysis(router.config);
  const routesInto = ra.routes.some(
    (r) => r.origin === 'static' && !r.uncertain && !r.blackhole && r.egress !== undefined && r.egress.includes(iface.name),
  );
  if (!routesInto) return [];
  for (const item of [...router.config.items('/ip/firewall/nat'), ...router.config.items('/ipv6/firewall/nat')]) {
    if (isDisabled(item) || prop(item, 'chain') !== 'srcnat') continue;
    const action = prop(item, 'action');
    if (action !== 'masquerade' && action !== 'src-nat') continue;
    const out = prop(item, 'out-interface');
    // A NAT on this tunnel, or one whose scope the file does not pin down to other interfaces.
    if (out === iface.name || (out === undefined && prop(item, 'out-interface-list') === undefined)) return [];
  }
  const wan = new Set<string>();
  for (const r of ra.routes) if (r.length === 0 && r.egress) for (const e of r.egress) wan.add(e);
  const wgNames = new Set(router.view.interfaces.map((i) => i.name));
  const out: SourceSubnet[] = [];
  for (const [name, list] of router.addresses.byInterface) {
    if (wgNames.has(name) || wan.has(name)) continue;
    for (const a of list) {
      if (a.uncertain || !a.address || a.family !== 4 || isPublicAddress(4, a.address.address)) continue;
      const value = a.item.props.get('address');
      if (!value) continue;
      out.push({ subnet: { family: 4, first: a.address.first, last: a.address.last }, text: a.address.canonical, span: value.span, interfaceName: name });
    }
  }
  return out;
}
