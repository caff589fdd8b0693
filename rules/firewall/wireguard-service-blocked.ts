import type { RouterRule } from '@roslint/core';
import { describeRule, wireguardFirewall } from '@roslint/core';

/** Tunnel peers cannot reach the router's own services. */
export const wireguardServiceBlocked: RouterRule = {
  meta: {
    id: 'firewall/wireguard-service-blocked',
    defaultSeverity: 'info',
    summary: 'The input chain drops traffic from a WireGuard interface to the router itself',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    for (const s of ctx.use(wireguardFirewall).services) {
      const why = s.reason === 'dns' ? 'the router answers DNS (allow-remote-requests=yes)' : 'its peers look like road-warrior clients';
      ctx.report({
        span: s.wg.nameValue?.span ?? s.wg.item.span,
        message: `peers of \`${s.wg.name}\` cannot reach ${s.service}: ${describeRule(s.dropping)} drops new ${s.family === 4 ? 'IPv4' : 'IPv6'} traffic from the tunnel, and ${why}; add \`${s.wg.name}\` to the LAN list or accept its traffic in the input chain`,
        related: [{ span: s.dropping.actionSpan, message: `${describeRule(s.dropping)} drops it` }],
      });
    }
  },
};
