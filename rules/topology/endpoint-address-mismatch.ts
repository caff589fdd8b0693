import type { NetworkRule } from '@roslint/core';
import { addressKey, certain, parseAddress, reachability } from '@roslint/core';
import { ifaceAnchor, ifaceOf, pairing, peerOn, reportBoth, routerRef, topologyOf } from '@roslint/core';

/**
 * A peer dials a literal IP that is none of the other router's addresses, while that router's WAN
 * is static and public (so no NAT or port-forward in front of it can explain the difference).
 * Host names are not resolved.
 */
export const endpointAddressMismatch: NetworkRule = {
  meta: {
    id: 'topology/endpoint-address-mismatch',
    defaultSeverity: 'warning',
    summary: "A peer's endpoint-address is not an address of the other router (which has a public, static WAN)",
    fixable: false,
    scope: 'network',
  },
  check(ctx) {
    for (const link of topologyOf(ctx).links) {
      const value = certain(link.peer.endpointAddressValue);
      if (!value || value.text === '') continue;
      const ip = parseAddress(value.text);
      // Host names are not resolved; IPv6 WANs are often SLAAC/pool-assigned, so only IPv4 is judged.
      if (!ip || ip.family !== 4) continue;
      const reach = reachability(link.target);
      if (!reach.publicWanKnown || reach.ownAddresses.has(addressKey(ip.family, ip.value))) continue;
      reportBoth(
        ctx,
        {
          router: link.router,
          span: value.span,
          message:
            `endpoint-address ${value.text} of ${peerOn(link)} is not an address of ${routerRef(link.target)}, whose WAN address is public ` +
            `and static (${pairing(link)}): its handshakes go elsewhere`,
          label: `endpoint-address of ${peerOn(link)}`,
        },
        {
          router: link.target,
          span: ifaceAnchor(link.targetIface),
          message: `${peerOn(link)} connects to ${value.text}, which is none of this router's addresses (${pairing(link)})`,
          label: ifaceOf(link.target, link.targetIface),
        },

      );
    }
  },
};
