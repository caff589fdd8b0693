import type { NetworkRule } from '@roslint/core';
import { certain } from '@roslint/core';
import { ifaceOf, pairing, peerOn, reportBoth, topologyOf } from '@roslint/core';

/** A peer's endpoint-port must be the listen-port of the interface it connects to. */
export const endpointPortMismatch: NetworkRule = {
  meta: {
    id: 'topology/endpoint-port-mismatch',
    defaultSeverity: 'error',
    summary: "A peer's endpoint-port is not the listen-port of the other router's interface",
    fixable: false,
    scope: 'network',
  },
  check(ctx) {
    const topology = topologyOf(ctx);
    for (const link of topology.links) {
      const portValue = certain(link.peer.endpointPortValue);
      const listenValue = certain(link.targetIface.listenPortValue);
      const address = certain(link.peer.endpointAddressValue);
      if (!portValue || !listenValue || !address || address.text === '') continue;
      const port = link.peer.endpointPort;
      const listen = link.targetIface.listenPort;
      if (port === undefined || listen === undefined || port === listen) continue;
      reportBoth(
        ctx,
        {
          router: link.router,
          span: portValue.span,
          message: `endpoint-port ${port} of ${peerOn(link)} is not the listen-port ${listen} of ${ifaceOf(link.target, link.targetIface)} (${pairing(link)}): its handshakes go to a closed port`,
          label: `endpoint-port of ${peerOn(link)}`,
        },
        {
          router: link.target,
          span: listenValue.span,
          message: `${ifaceOf(link.target, link.targetIface)} listens on ${listen}, but ${peerOn(link)} connects to port ${port} (${pairing(link)})`,
          label: `listen-port of ${ifaceOf(link.target, link.targetIface)}`,
        },
      );
    }
  },
};
