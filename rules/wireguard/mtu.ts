/**
 * wireguard/mtu: the tunnel MTU must fit in the path's MTU minus WireGuard's encapsulation, and
 * must not drop below IPv6's minimum while the tunnel carries IPv6.
 */
import type { RouterRule, WgInterface, WgPeer, WireGuardView, RelatedReport } from '@roslint/core';
import { certainProp, parseAddress, wireguardView, peerRef } from '@roslint/core';
// Not yet re-exported by @roslint/core's analysis index.
import { routingAnalysis, underlayMtu, type RoutingAnalysis, type UnderlayEstimate } from '@roslint/core';
import { addressesOn } from '@roslint/core';

/** Outer IP header + UDP (8) + WireGuard data header and tag (32). */
const OVERHEAD = { 4: 60, 6: 80 } as const;
const OVERHEAD_TEXT = { 4: 'IPv4 + UDP + WireGuard', 6: 'IPv6 + UDP + WireGuard' } as const;
const IPV6_MIN_MTU = 1280;
const ROUTEROS_DEFAULT_MTU = 1420;

interface Ceiling {
  value: number;
  family: 4 | 6;
  underlay: UnderlayEstimate;
  /** `for peer \`x\` at 203.0.113.1` — which endpoint set this ceiling. */
  why: string;
}

/** The tightest ceiling over the interface's enabled peers' endpoints (IPv4 default path without any). */
function ceilingOf(view: WireGuardView, ra: RoutingAnalysis, wg: WgInterface): Ceiling {
  // The peer and endpoint that set the ceiling; its `why` is written once, for the winner only.
  let best: { value: number; family: 4 | 6; underlay: UnderlayEstimate; peer: WgPeer; endpoint: string } | undefined;
  // Host-name endpoints (most peers of a big hub) all take the IPv4 default path: estimate it once.
  let defaultPath: UnderlayEstimate | undefined;
  for (const peer of view.peersByInterface.get(wg.name) ?? []) {
    if (peer.disabled) continue;
    // The text only (`certain(peer.endpointAddressValue)?.text` without building the value).
    const endpoint = certainProp(peer.item, 'endpoint-address');
    if (endpoint === undefined || endpoint === '') continue;
    const addr = parseAddress(endpoint);
    // A host name resolves at run time; assume IPv4 over the default path.
    const family = addr?.family ?? 4;
    const underlay =
      addr !== undefined ? underlayMtu(ra, family, addr.value, wg.name) : (defaultPath ??= underlayMtu(ra, 4, undefined, wg.name));
    const value = underlay.mtu - OVERHEAD[family];
    if (best === undefined || value < best.value) best = { value, family, underlay, peer, endpoint };
  }
  if (best) return { value: best.value, family: best.family, underlay: best.underlay, why: `for ${peerRef(best.peer)} at ${best.endpoint}` };
  const underlay = underlayMtu(ra, 4, undefined, wg.name);
  return { value: underlay.mtu - OVERHEAD[4], family: 4, underlay, why: 'with no endpoint known, over the default path' };
}

function carriesIpv6(view: WireGuardView, ra: RoutingAnalysis, wg: WgInterface): string | undefined {
  const a = addressesOn(ra.addresses, wg.name, 6)[0];
  if (a) return `it has the IPv6 address ${a.address?.text ?? '(from a pool)'}`;
  for (const peer of view.peersByInterface.get(wg.name) ?? []) {
    if (peer.disabled) continue;
    const e = peer.allowed.find((x) => x.prefix?.family === 6);
    if (e) return `${peerRef(peer)} allows ${e.text}`;
  }
  return undefined;
}

function underlayRelated(ra: RoutingAnalysis, u: UnderlayEstimate): RelatedReport[] {
  if (u.assumed || u.interface === undefined) return [];
  const info = ra.interfaces.byName.get(u.interface);
  if (!info) return [];
  const v = info.item.props.get('max-mtu') ?? info.item.props.get('mtu');
  return [{ span: v?.span ?? info.item.span, message: `the path leaves through ${u.interface} (${u.mtu} bytes)` }];
}

export const wireguardMtu: RouterRule = {
  meta: {
    id: 'wireguard/mtu',
    defaultSeverity: 'warning',
    summary: 'WireGuard interface MTU larger than the path can carry, or below 1280 with IPv6',
    fixable: true,
    scope: 'router',
  },
  check(ctx) {
    const view = ctx.use(wireguardView);
    const ra = ctx.use(routingAnalysis);
    for (const wg of view.interfaces) {
      if (wg.disabled || wg.item.uncertain) continue;
      const raw = wg.item.props.get('mtu');
      if (raw !== undefined && (raw.dynamic || raw.uncertain)) continue;
      if (wg.mtu === 'auto') continue;
      const mtu = raw === undefined ? ROUTEROS_DEFAULT_MTU : wg.mtu;
      if (mtu === undefined) continue; // not a number: a schema rule's concern
      const ceiling = ceilingOf(view, ra, wg);
      // Where to point and how to fix: the mtu value, else after the name (`mtu` unset = 1420).
      const span = raw?.span ?? wg.nameValue?.span ?? wg.item.span;
      const fixFor = (n: number) =>
        raw !== undefined
          ? { description: `Set mtu=${n}`, edits: [{ span: raw.span, text: String(n) }] }
          : wg.nameValue !== undefined
            ? { description: `Set mtu=${n}`, edits: [{ span: { start: wg.nameValue.span.end, end: wg.nameValue.span.end }, text: ` mtu=${n}` }] }
            : undefined;
      const shown = raw === undefined ? `mtu ${mtu} (the default)` : `mtu ${mtu}`;
      const ipv6 = carriesIpv6(view, ra, wg);
      if (mtu > ceiling.value) {
        const u = ceiling.underlay;
        const underlayText = u.assumed ? `${u.mtu} (assumed underlay)` : `${u.mtu} (underlay ${u.explanation})`;
        const fix = ipv6 !== undefined && ceiling.value < IPV6_MIN_MTU ? undefined : fixFor(ceiling.value);
        ctx.report({
          span,
          message:
            `${shown} > ${ceiling.value} = ${underlayText} − ${OVERHEAD[ceiling.family]} (${OVERHEAD_TEXT[ceiling.family]}) ` +
            `${ceiling.why} on \`${wg.name}\`: larger tunnel packets are fragmented or dropped on the way`,
          related: underlayRelated(ra, u),
          ...(fix ? { fix } : {}),
        });
      } else if (ipv6 !== undefined && mtu < IPV6_MIN_MTU) {
        const fix = ceiling.value >= IPV6_MIN_MTU ? fixFor(ceiling.value) : undefined;
        ctx.report({
          span,
          message: `${shown} < ${IPV6_MIN_MTU}, the minimum MTU of IPv6, but \`${wg.name}\` carries IPv6 (${ipv6}): IPv6 will not work over it`,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};

export default wireguardMtu;
