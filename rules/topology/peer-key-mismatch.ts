import type { NetworkRule } from '@roslint/core';
import { certain } from '@roslint/core';
import { ifaceOf, pairing, peerAnchor, peerOn, reportBoth, topologyOf } from '@roslint/core';

/**
 * A peer paired with an interface by addressing although that interface's public key is known
 * (derived from its shown private-key) and differs from the peer's `public-key`.
 */
export const peerKeyMismatch: NetworkRule = {
  meta: {
    id: 'topology/peer-key-mismatch',
    defaultSeverity: 'error',
    summary: "A peer's public-key is not the public key of the interface it points at on the other router",
    fixable: false,
    scope: 'network',
  },
  check(ctx) {
    for (const link of topologyOf(ctx).links) {
      const target = link.targetIface;
      if (link.method !== 'address' || target.publicKey === undefined || !target.privateKeyValue) continue;
      if (!certain(link.peer.publicKeyValue) || !certain(target.privateKeyValue)) continue;
      if (link.peer.publicKey === target.publicKey) continue;
      reportBoth(
        ctx,
        {
          router: link.router,
          span: peerAnchor(link.peer),
          message:
            `public-key of ${peerOn(link)} is not the public key of ${ifaceOf(link.target, target)} ` +
            `(derived from its private-key) although its addressing points there (${pairing(link)}): the handshake can never complete`,
          label: `${peerOn(link)}'s public-key`,
        },
        {
          router: link.target,
          span: target.privateKeyValue.span,
          message:
            `${peerOn(link)} is meant for this interface (${pairing(link)}) but its public-key is not this interface's public key: ` +
            `the handshake can never complete`,
          label: `private-key of ${ifaceOf(link.target, target)}`,
        },
      );
    }
  },
};
