import type { RouterRule } from '@roslint/core';
import { describeRule, wireguardFirewall } from '@roslint/core';

/** The forward chain drops new connections between the tunnel and the LAN. */
export const wireguardForwardBlocked: RouterRule = {
  meta: {
    id: 'firewall/wireguard-forward-blocked',
    defaultSeverity: 'warning',
    summary: 'The forward chain drops new connections between a WireGuard interface and the LAN',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    for (const f of ctx.use(wireguardFirewall).forwarding) {
      const ip = f.family === 4 ? 'IPv4' : 'IPv6';
      const lan = f.lan.filter((l) => l !== undefined).map((l) => `\`${l}\``).join(', ') || 'the LAN';
      const path = f.direction === 'from-tunnel' ? `from \`${f.wg.name}\` to ${lan}` : `from ${lan} to \`${f.wg.name}\``;
      ctx.report({
        span: f.wg.nameValue?.span ?? f.wg.item.span,
        message: `new ${ip} connections ${path} are dropped by ${describeRule(f.dropping)}; add an accept for \`${f.wg.name}\` before it (or put \`${f.wg.name}\` in the right interface list)`,
        related: [{ span: f.dropping.actionSpan, message: `${describeRule(f.dropping)} drops them` }],
      });
    }
  },
};
