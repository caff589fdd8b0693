import type { RouterRule } from '@roslint/core';
import { addressIndex, certain, certainProp, connectedSubnetsFor, parseAddress, peerRef, wireguardView } from '@roslint/core';

/** An initiating peer without persistent-keepalive: NAT mappings expire and the tunnel goes quiet. */
export const missingKeepalive: RouterRule = {
  meta: {
    id: 'wireguard/missing-keepalive',
    defaultSeverity: 'info',
    summary: 'A peer with an endpoint (this side initiates) has no persistent-keepalive',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    const addresses = addressIndex(ctx.config);
    const wgNames = new Set(ctx.use(wireguardView).interfaces.map((i) => i.name));
    for (const peer of ctx.use(wireguardView).peers) {
      if (peer.disabled || peer.responder || peer.item.uncertain) continue;
      // Texts first (`certainProp` builds no value); the values, for their spans, only to report.
      const endpoint = certainProp(peer.item, 'endpoint-address');
      if (endpoint === undefined || endpoint === '') continue;
      // An endpoint on a subnet of this router's own (non-tunnel) interfaces is a neighbour: no NAT between.
      const literal = parseAddress(endpoint);
      if (literal && connectedSubnetsFor(addresses, literal.family, literal.value).some((m) => !wgNames.has(m.address.interface ?? ''))) continue;
      if (peer.keepaliveSeconds !== undefined && peer.keepaliveSeconds > 0) continue;
      const zero = peer.keepaliveValue;
      if (zero && !certain(zero)) continue;
      if (zero && peer.keepaliveSeconds === undefined) continue; // unparsable: not ours
      const address = peer.endpointAddressValue!;
      ctx.report({
        span: zero ? zero.span : address.span,
        message:
          `${peerRef(peer)} connects to \`${address.text}\` but has ${zero ? `persistent-keepalive=${zero.text} (off)` : 'no persistent-keepalive'}; ` +
          `NAT mappings on the way expire and the tunnel goes quiet until this side sends again (25s is the usual value)`,
      });
    }
  },
};
