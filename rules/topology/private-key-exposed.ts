import type { NetworkRule } from '@roslint/core';
import { literal, peerRef, privateKeySightings } from '@roslint/core';
import { routerRef, topologyOf } from '@roslint/core';

/** A `public-key` field holding a private key seen anywhere in the network. */
export const privateKeyExposed: NetworkRule = {
  meta: {
    id: 'topology/private-key-exposed',
    defaultSeverity: 'error',
    summary: 'A public-key field holds a private key of the network (a private key pasted where a public one belongs)',
    fixable: false,
    scope: 'network',
  },
  check(ctx) {
    const topology = topologyOf(ctx);
    const sightings = privateKeySightings(topology.routers);
    if (sightings.size === 0) return;
    for (const router of topology.routers) {
      for (const peer of router.view.peers) {
        const pub = literal(peer.publicKeyValue);
        if (!pub) continue;
        const seen = sightings.get(pub.text);
        if (!seen) continue;
        const holders = seen.map((s) => `${s.holder} on ${routerRef(s.router)}`).join(', ');
        ctx.report(router.config, {
          span: pub.span,
          message:
            `public-key of ${peerRef(peer)} on ${routerRef(router)} is the private key of ${holders}: a private key was pasted ` +
            `where a public one belongs; treat that key as leaked and generate a new pair`,
          related: seen.map((s) => ({ config: s.router.config, span: s.span, message: `${s.router.name}: the private key of ${s.holder}` })),
        });
        for (const s of seen) {
          ctx.report(s.router.config, {
            span: s.span,
            message:
              `this private key (of ${s.holder}) also appears as the public-key of ${peerRef(peer)} on ${routerRef(router)}; ` +
              `treat it as leaked and generate a new pair`,
            related: [{ config: router.config, span: pub.span, message: `${router.name}: public-key of ${peerRef(peer)}` }],
          });
        }
      }
    }
  },
};
