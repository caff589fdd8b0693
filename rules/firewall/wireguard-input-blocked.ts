import type { RelatedReport, RouterRule } from '@roslint/core';
import { describeRule, wireguardFirewall } from '@roslint/core';
import { insertAcceptFix } from '@roslint/core';

/** The input chain drops new WireGuard handshakes arriving from the WAN. */
export const wireguardInputBlocked: RouterRule = {
  meta: {
    id: 'firewall/wireguard-input-blocked',
    defaultSeverity: 'error',
    summary: 'The input chain drops WireGuard handshakes arriving on the WAN',
    fixable: true,
    scope: 'router',
  },
  check(ctx) {
    for (const h of ctx.use(wireguardFirewall).handshakes) {
      const ip = h.family === 4 ? 'IPv4' : 'IPv6';
      const wan = h.wan.filter((w) => w !== undefined);
      const from = wan.length > 0 ? `on ${wan.map((w) => `\`${w}\``).join(', ')}` : 'from the WAN';
      const related: RelatedReport[] = [{ span: h.dropping.actionSpan, message: `${describeRule(h.dropping)} drops them` }];
      if (h.insertBefore !== h.dropping) related.push({ span: h.insertBefore.actionSpan, message: `${describeRule(h.insertBefore)} jumps to \`${h.dropping.chain}\`` });
      if (h.lateAccept) related.push({ span: h.lateAccept.span, message: `this accept comes after the drop and never sees them` });
      if (h.disabledAccept) related.push({ span: h.disabledAccept.span, message: `this accept would let them in, but it is disabled` });
      const fix = insertAcceptFix(ctx.config, h.insertBefore, h.port);
      const what = `new ${ip} WireGuard handshakes to udp/${h.port} arriving ${from} are dropped by ${describeRule(h.dropping)}`;
      ctx.report({
        span: h.wg.listenPortValue!.span,
        message: h.initiatorOnly
          ? `${what}; \`${h.wg.name}\` only starts handshakes itself, so replies get in as established connections — the tunnel relies on connection tracking and peers cannot reconnect first`
          : `${what}, so peers of \`${h.wg.name}\` cannot connect; accept udp/${h.port} in the input chain before ${h.insertBefore === h.dropping ? 'that rule' : describeRule(h.insertBefore)}`,
        ...(h.initiatorOnly ? { severity: 'info' as const } : {}),
        related,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
