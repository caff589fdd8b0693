import type { Link, NetworkRule } from '@roslint/core';
import { pairing, peerAnchor, peerOn, reportBoth, topologyOf } from '@roslint/core';

function hasEndpoint(l: Link): boolean {
  const v = l.peer.endpointAddressValue;
  // A value from a variable may well be an address: count it (no report rather than a wrong one).
  return v !== undefined && (v.dynamic || v.uncertain || v.text !== '');
}

/** At least one end of a tunnel must know where the other is and be allowed to dial it. */
export const noInitiator: NetworkRule = {
  meta: {
    id: 'topology/no-initiator',
    defaultSeverity: 'error',
    summary: 'Neither end of a tunnel can start the handshake (no endpoint-address on either side, or both responder=yes)',
    fixable: false,
    scope: 'network',
  },
  check(ctx) {
    for (const { a, b } of topologyOf(ctx).tunnels) {
      const dials = (l: Link) => hasEndpoint(l) && !l.peer.responder;
      if (dials(a) || dials(b)) continue;
      const bothResponders = a.peer.responder && b.peer.responder;
      const why = bothResponders
        ? 'both ends are responder=yes'
        : hasEndpoint(a) || hasEndpoint(b)
          ? 'the only end with an endpoint-address is responder=yes'
          : 'neither end has an endpoint-address';
      const msg = (l: Link) => `the tunnel of ${peerOn(l)} can never start: ${why} (${pairing(l)})`;
      reportBoth(
        ctx,
        { router: a.router, span: peerAnchor(a.peer), message: msg(a), label: peerOn(a) },
        { router: b.router, span: peerAnchor(b.peer), message: msg(b), label: peerOn(b) },
      );
    }
  },
};
