/**
 * wireguard/interface-without-address: a WireGuard interface with enabled peers but no IP address.
 */
import type { RouterRule } from '@roslint/core';
import { wireguardView } from '@roslint/core';
// Not yet re-exported by @roslint/core's analysis index.
import { addressIndex, addressesOn } from '@roslint/core';

export const wireguardInterfaceWithoutAddress: RouterRule = {
  meta: {
    id: 'wireguard/interface-without-address',
    defaultSeverity: 'warning',
    summary: 'WireGuard interface with enabled peers has no /ip address or /ipv6 address',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    const view = ctx.use(wireguardView);
    const addresses = ctx.use(addressIndex);
    // An address whose interface comes from a variable could be on any interface.
    if (addresses.unknownInterface.length > 0) return;
    for (const wg of view.interfaces) {
      if (wg.disabled || wg.item.uncertain) continue;
      const peers = (view.peersByInterface.get(wg.name) ?? []).filter((p) => !p.disabled);
      if (peers.length === 0 || addressesOn(addresses, wg.name).length > 0) continue;
      const n = peers.length;
      ctx.report({
        span: wg.nameValue?.span ?? wg.item.span,
        message:
          `WireGuard interface \`${wg.name}\` has ${n} enabled peer${n === 1 ? '' : 's'} but no /ip address or /ipv6 address: ` +
          `the router has no tunnel address to send from or answer on, and routes via the tunnel's far end cannot resolve ` +
          `(add e.g. \`/ip address add address=<tunnel address>/<len> interface=${wg.name}\`)`,
      });
    }
  },
};

export default wireguardInterfaceWithoutAddress;
