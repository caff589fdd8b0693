import type { NetworkRule } from '@roslint/core';
import { peerRef } from '@roslint/core';
import { ifaceAnchor, ifaceOf, pairing, peerAnchor, peerOn, reportBoth, routerRef, topologyOf } from '@roslint/core';

/** Options: `{ networkStrict: true }` (the CLI's `--network-strict`); `true` alone works too. */
export function networkStrict(options: unknown): boolean {
  if (options === true) return true;
  return typeof options === 'object' && options !== null && (options as { networkStrict?: unknown }).networkStrict === true;
}

/**
 * Only with `networkStrict`: peers whose other end is not among the files (nothing about their
 * tunnel was checked), and peers whose other end has no peer pointing back.
 */
export const unpairedPeer: NetworkRule = {
  meta: {
    id: 'topology/unpaired-peer',
    defaultSeverity: 'info',
    summary: 'With --network-strict: a peer whose other end is not among the linted files, or does not know this router',
    fixable: false,
    scope: 'network',
  },
  check(ctx) {
    if (!networkStrict(ctx.options) || ctx.configs.length < 2) return;
    const topology = topologyOf(ctx);
    for (const { router, peer } of topology.unpaired) {
      ctx.report(router.config, {
        span: peerAnchor(peer),
        message:
          `${peerRef(peer)} on ${routerRef(router)} matches no interface among the ${topology.routers.length} files ` +
          `(not by public-key, allowed-address or endpoint): its tunnel was not checked`,
      });
    }
    for (const link of topology.oneSided) {
      reportBoth(
        ctx,
        {
          router: link.router,
          span: peerAnchor(link.peer),
          message: `${peerOn(link)} points at ${ifaceOf(link.target, link.targetIface)} (${pairing(link)}), which has no peer for ${routerRef(link.router)}: the tunnel cannot come up`,
          label: peerOn(link),
        },
        {
          router: link.target,
          span: ifaceAnchor(link.targetIface),
          message: `${peerOn(link)} points at this interface (${pairing(link)}), but it has no peer for ${routerRef(link.router)}`,
          label: ifaceOf(link.target, link.targetIface),
        },
      );
    }
  },
};
