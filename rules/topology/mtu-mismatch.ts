import type { Link, NetworkRule } from '@roslint/core';
import { certain } from '@roslint/core';
import { ifaceAnchor, ifaceOf, pairing, reportBoth, topologyOf } from '@roslint/core';

/** RouterOS default 1420 when unset; a wg-quick file without MTU lets wg-quick compute it (unknown). */
function mtuOf(l: Link): number | undefined {
  const v = l.iface.mtuValue;
  if (v === undefined) return l.router.wgQuick ? undefined : 1420;
  if (!certain(v)) return undefined;
  return typeof l.iface.mtu === 'number' ? l.iface.mtu : undefined;
}

/** The two interfaces of a tunnel should carry the same MTU. */
export const mtuMismatch: NetworkRule = {
  meta: {
    id: 'topology/mtu-mismatch',
    defaultSeverity: 'warning',
    summary: 'The two interfaces of a tunnel have different MTUs',
    fixable: false,
    scope: 'network',
  },
  check(ctx) {
    for (const { a, b } of topologyOf(ctx).tunnels) {
      const ma = mtuOf(a);
      const mb = mtuOf(b);
      if (ma === undefined || mb === undefined || ma === mb) continue;
      const end = (l: Link, mine: number, theirs: number, o: Link) => ({
        router: l.router,
        span: l.iface.mtuValue?.span ?? ifaceAnchor(l.iface),
        message:
          `MTU ${mine} of ${ifaceOf(l.router, l.iface)} differs from MTU ${theirs} of ${ifaceOf(o.router, o.iface)} at the other end ` +
          `(${pairing(l)}): packets the larger side sends can be dropped or fragmented`,
        label: `MTU of ${ifaceOf(l.router, l.iface)}`,
      });
      reportBoth(ctx, end(a, ma, mb, b), end(b, mb, ma, a));
    }
  },
};
