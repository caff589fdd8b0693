import type { RouterRule } from '@roslint/core';
import { certain, peerRef, wireguardView } from '@roslint/core';

/** endpoint-address and endpoint-port only work together. */
export const endpointPortPairing: RouterRule = {
  meta: {
    id: 'wireguard/endpoint-port-pairing',
    defaultSeverity: 'error',
    summary: 'A peer has endpoint-address without endpoint-port (or port 0), or endpoint-port without endpoint-address',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    for (const peer of ctx.use(wireguardView).peers) {
      if (peer.disabled || peer.item.uncertain) continue;
      const addrProp = peer.endpointAddressValue;
      const portProp = peer.endpointPortValue;
      // Skip anything computed or conditional: we would be guessing.
      if ((addrProp && !certain(addrProp)) || (portProp && !certain(portProp))) continue;
      const address = addrProp && addrProp.text !== '' ? addrProp : undefined;
      const port = portProp && portProp.text !== '' ? portProp : undefined;
      if (address && !port) {
        ctx.report({
          span: address.span,
          message: `${peerRef(peer)} has endpoint-address \`${address.text}\` but no endpoint-port; the router cannot start the handshake without a port`,
        });
      } else if (address && port && peer.endpointPort === 0) {
        ctx.report({
          span: port.span,
          message: `${peerRef(peer)} has endpoint-address \`${address.text}\` with endpoint-port 0; the router cannot start the handshake without a port`,
          related: [{ span: address.span, message: 'endpoint-address' }],
        });
      } else if (!address && port && peer.endpointPort !== 0) {
        ctx.report({
          span: port.span,
          severity: 'warning',
          message: `${peerRef(peer)} has endpoint-port ${port.text} but no endpoint-address; the port is unused until an address is set`,
        });
      }
    }
  },
};
