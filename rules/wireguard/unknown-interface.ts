import type { RouterRule } from '@roslint/core';
import { certain, peerRef, wireguardView } from '@roslint/core';

const SHOWN = 5;

/** A peer on an interface the file does not define (a typo, or an interface that was renamed). */
export const unknownInterface: RouterRule = {
  meta: {
    id: 'wireguard/unknown-interface',
    defaultSeverity: 'error',
    summary: "A peer's interface= names no WireGuard interface defined in the file",
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    const view = ctx.use(wireguardView);
    // A script that only adds peers may rely on interfaces made elsewhere: judge only files that
    // define WireGuard interfaces themselves, or full exports (which would show them).
    if (view.interfaces.length === 0 && !ctx.config.isExport) return;
    const autoNamed = view.interfaces.some((i) => i.autoNamed);
    for (const peer of view.peers) {
      const value = certain(peer.interfaceValue);
      if (peer.disabled || peer.item.uncertain || !value || value.text === '') continue;
      if (view.interfacesByName.has(value.text)) continue;
      // `*7` is an internal id (seen in exports): it cannot be matched against names.
      if (value.text.startsWith('*')) continue;
      // `add` without name= gets `wireguardN`; we guess N, so don't judge names of that shape.
      if (autoNamed && /^wireguard\d+$/.test(value.text)) continue;
      const names = view.interfaces.map((i) => `\`${i.name}\``);
      const defined =
        names.length === 0
          ? 'this export defines no WireGuard interface'
          : `defined: ${names.slice(0, SHOWN).join(', ')}${names.length > SHOWN ? ` and ${names.length - SHOWN} more` : ''}`;
      ctx.report({
        span: value.span,
        message: `${peerRef(peer)} uses interface \`${value.text}\`, which is not a WireGuard interface in this file (${defined})`,
      });
    }
  },
};
