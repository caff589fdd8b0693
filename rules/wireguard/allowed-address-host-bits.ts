import type { RouterRule } from '@roslint/core';
import { peerRef, wireguardView, certain } from '@roslint/core';

/** `10.1.101.1/24` means the whole 10.1.101.0/24: usually a host address pasted with its mask. */
export const allowedAddressHostBits: RouterRule = {
  meta: {
    id: 'wireguard/allowed-address-host-bits',
    defaultSeverity: 'warning',
    summary: 'An allowed-address prefix has host bits set (10.1.101.1/24)',
    fixable: true,
    scope: 'router',
  },
  check(ctx) {
    const text = ctx.config.source.text;
    for (const peer of ctx.use(wireguardView).peers) {
      if (peer.disabled || !certain(peer.allowedValue)) continue;
      for (const entry of peer.allowed) {
        const p = entry.prefix;
        if (!p || !p.hasHostBits) continue;
        const hostLen = p.family === 4 ? 32 : 128;
        const exact = text.slice(entry.span.start, entry.span.end) === entry.text;
        ctx.report({
          span: entry.span,
          message:
            `allowed-address \`${entry.text}\` of ${peerRef(peer)} has host bits set: it means the whole ${p.canonical}; ` +
            `write ${p.canonical}, or /${hostLen} if only that one address was meant`,
          ...(exact ? { fix: { description: `Use ${p.canonical}`, edits: [{ span: entry.span, text: p.canonical }] } } : {}),
        });
      }
    }
  },
};
