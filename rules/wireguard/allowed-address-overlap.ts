import type { RouterRule } from '@roslint/core';
import { allowedAddressConflicts, peerRef, peerRefs } from '@roslint/core';

const LISTED = 5;
const RELATED = 10;

/** One peer's prefix contains other peers' prefixes: the most specific wins, silently. */
export const allowedAddressOverlap: RouterRule = {
  meta: {
    id: 'wireguard/allowed-address-overlap',
    defaultSeverity: 'warning',
    summary: "One peer's allowed-address contains another peer's on the same WireGuard interface",
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    for (const { interfaceName, outer, inners } of ctx.use(allowedAddressConflicts).overlaps) {
      const owner = peerRef(outer.peer);
      const wide = outer.prefix.canonical;
      const refOf = (i: (typeof inners)[number]) => peerRefs(outer.peer, i.peer)[1];
      let message: string;
      if (inners.length === 1) {
        const inner = inners[0]!;
        const other = refOf(inner);
        message =
          `${owner}'s ${wide} on \`${interfaceName}\` contains ${other}'s ${inner.prefix.canonical}; ` +
          `the most specific prefix wins, so traffic to ${inner.prefix.canonical} goes to ${other} and only the rest of ${wide} to ${owner}`;
      } else {
        const listed = inners.slice(0, LISTED).map((i) => `${refOf(i)}'s ${i.prefix.canonical}`).join(', ');
        const more = inners.length > LISTED ? ` and ${inners.length - LISTED} more` : '';
        message =
          `${owner}'s ${wide} on \`${interfaceName}\` contains ${inners.length} prefixes of other peers (${listed}${more}); ` +
          `the most specific prefix wins, so those go to their own peers and only the rest of ${wide} to ${owner}`;
      }
      ctx.report({
        span: outer.entry.span,
        message,
        related: inners.slice(0, RELATED).map((i) => ({
          span: i.entry.span,
          message: `${refOf(i)} claims ${i.prefix.canonical} (wins: more specific)`,
        })),
      });
    }
  },
};
