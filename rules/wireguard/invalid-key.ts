import type { PropertyValue, RouterRule } from '@roslint/core';
import { certain, checkKeyText, isKeyText, publicKeyProblem, peerRef, wireguardView, KEY_KEYWORDS } from '@roslint/core';

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
    const secret = (v: PropertyValue | undefined, owner: () => string, prop: string, keywords: boolean) => {
      const value = certain(v);
      if (!value || value.text === '') return; // empty: RouterOS generates (interface) or unsets
      if (keywords && KEY_KEYWORDS.has(value.text)) return;
      if (isKeyText(value.text)) return;
      const r = checkKeyText(value.text);
      if (!r.ok) ctx.report({ span: value.span, message: `${prop} of ${owner()} ${r.reason}` });
    };
    for (const wg of view.interfaces) {
      if (wg.disabled) continue;
      secret(wg.item.props.get('private-key'), () => `interface \`${wg.name}\``, 'private-key', false);
    }
    for (const peer of view.peers) {
      if (peer.disabled) continue;
      const pk = certain(peer.publicKeyValue);
      if (pk) {
        const problem = publicKeyProblem(pk.text);
        if (problem) ctx.report({ span: pk.span, message: `public-key of ${peerRef(peer)} ${problem}` });
      }
      // RouterOS accepts `auto`/`none` for the peer's preshared-key and (7.12+) private-key.
      const owner = () => peerRef(peer);
      secret(peer.presharedKeyValue, owner, 'preshared-key', true);
      secret(peer.privateKeyValue, owner, 'private-key', true);
    }
  },
};
