import type { RouterRule } from '@roslint/core';
import { certain, wireguardView, type WgInterface } from '@roslint/core';

/** Two WireGuard interfaces cannot bind the same UDP port. */
export const listenPortConflict: RouterRule = {
  meta: {
    id: 'wireguard/listen-port-conflict',
    defaultSeverity: 'error',
    summary: 'Two enabled WireGuard interfaces use the same listen-port',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    const byPort = new Map<number, WgInterface>();
    for (const wg of ctx.use(wireguardView).interfaces) {
      const value = certain(wg.listenPortValue);
      // listen-port 0 (or absent) means "pick any free port": it never conflicts.
      if (wg.disabled || wg.item.uncertain || !value || !wg.listenPort) continue;
      const earlier = byPort.get(wg.listenPort);
      if (!earlier) {
        byPort.set(wg.listenPort, wg);
        continue;
      }
      ctx.report({
        span: value.span,
        message: `interface \`${wg.name}\` and interface \`${earlier.name}\` both use listen-port ${wg.listenPort}; only one can receive on that UDP port`,
        related: [{ span: earlier.listenPortValue!.span, message: `\`${earlier.name}\` listens on ${wg.listenPort} here` }],
      });
    }
  },
};
