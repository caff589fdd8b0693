import type { RouterRule } from '@roslint/core';
import { allowedAddressConflicts, peerRef, peerRefs } from '@roslint/core';

/** The same prefix claimed twice on one interface: only one claim can receive its traffic. */
export const allowedAddressDuplicate: RouterRule = {
  meta: {
    id: 'wireguard/allowed-address-duplicate',
    defaultSeverity: 'error',
    summary: 'The same allowed-address prefix is claimed twice on one WireGuard interface',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    for (const { interfaceName, first, again } of ctx.use(allowedAddressConflicts).duplicates) {
      const prefix = again.prefix.canonical;
      const written = again.entry.text !== prefix ? ` (written \`${again.entry.text}\`)` : '';
      if (first.peer === again.peer) {
        ctx.report({
          span: again.entry.span,
          message: `${peerRef(again.peer)} lists ${prefix}${written} twice in allowed-address on \`${interfaceName}\``,
          related: [{ span: first.entry.span, message: `first listed here` }],
        });
        continue;
      }
      const [a, b] = peerRefs(first.peer, again.peer);
      ctx.report({
        span: again.entry.span,
        message: `${a} and ${b} both claim ${prefix}${written} on \`${interfaceName}\`; WireGuard sends traffic for a prefix to one peer only, so one of them loses it`,
        related: [{ span: first.entry.span, message: `${a} claims ${prefix} here` }],
      });
    }
  },
};
