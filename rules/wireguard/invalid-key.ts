import type { Item, RouterRule } from '@roslint/core';
import { certainProp, checkKeyText, isKeyText, publicKeyProblem, peerRef, wireguardView, KEY_KEYWORDS } from '@roslint/core';

/**
 * Keys that are not 32-byte base64, and public keys that are X25519 low-order points.
 * Messages describe the problem only; they never quote a key (it may be a secret).
 */
export const invalidKey: RouterRule = {
  meta: {
    id: 'wireguard/invalid-key',
    defaultSeverity: 'error',
    summary: 'A WireGuard key is not 44-character base64 of 32 bytes, or is a low-order public key',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    const view = ctx.use(wireguardView);
    // `owner` is called only when reporting: naming all 20,000 peers of a big export up front showed in profiles.
    // Keys are judged by their texts (`certainProp` builds no value); the value, for its span, is
    // read only to report (a 20,000-peer export has three keys a peer).
    const secret = (item: Item, prop: string, owner: () => string, keywords: boolean) => {
      const text = certainProp(item, prop);
      if (text === undefined || text === '') return; // empty: RouterOS generates (interface) or unsets
      if (keywords && KEY_KEYWORDS.has(text)) return;
      if (isKeyText(text)) return;
      const r = checkKeyText(text);
      if (!r.ok) ctx.report({ span: item.props.get(prop)!.span, message: `${prop} of ${owner()} ${r.reason}` });
    };
    for (const wg of view.interfaces) {
      if (wg.disabled) continue;
      secret(wg.item, 'private-key', () => `interface \`${wg.name}\``, false);
    }
    for (const peer of view.peers) {
      if (peer.disabled) continue;
      const pk = certainProp(peer.item, 'public-key');
      if (pk !== undefined) {
        const problem = publicKeyProblem(pk);
        if (problem) ctx.report({ span: peer.publicKeyValue!.span, message: `public-key of ${peerRef(peer)} ${problem}` });
      }
      // RouterOS accepts `auto`/`none` for the peer's preshared-key and (7.12+) private-key.
      const owner = () => peerRef(peer);
      secret(peer.item, 'preshared-key', owner, true);
      secret(peer.item, 'private-key', owner, true);
    }
  },
};
