import type { RouterRule } from '@roslint/core';
import { certain, peerRef, wireguardView } from '@roslint/core';

/** A peer whose key is the interface's own public key: the router would talk to itself. */
export const selfPeer: RouterRule = {
  meta: {
    id: 'wireguard/self-peer',
    defaultSeverity: 'error',
    summary: "A peer's public-key is the public key of its own WireGuard interface",
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    const view = ctx.use(wireguardView);
    for (const peer of view.peers) {
      const key = certain(peer.publicKeyValue);
      if (peer.disabled || !key || peer.interfaceName === undefined) continue;
      const wg = view.interfacesByName.get(peer.interfaceName);
      if (!wg || wg.disabled || !wg.publicKey || !certain(wg.privateKeyValue)) continue;
      if (wg.publicKey !== key.text) continue;
      ctx.report({
        span: key.span,
        message:
          `${peerRef(peer)} has the public key of its own interface \`${wg.name}\` (derived from the interface's private-key); ` +
          `a peer's public-key must be the remote side's key`,
        related: [{ span: wg.nameValue?.span ?? wg.item.span, message: `interface \`${wg.name}\`` }],
      });
    }
  },
};
