import type { PropertyValue, RouterRule } from '@roslint/core';
import { certain, checkKeyText, peerRefs, wireguardView, type WgPeer } from '@roslint/core';

/** Two peers with one public key on one interface: WireGuard can only have one of them. */
export const duplicatePeer: RouterRule = {
  meta: {
    id: 'wireguard/duplicate-peer',
    defaultSeverity: 'error',
    summary: 'Two enabled peers on one WireGuard interface have the same public-key',
    fixable: false,
    scope: 'router',
  },
  check(ctx) {
    // Candidates by interface and key text. Only texts shared by two peers can be reported, so
    // only those are validated (decoding every key of a 20,000-peer export was most of the cost).
    const candidates: { peer: WgPeer; key: PropertyValue; id: string }[] = [];
    const seen = new Map<string, number>();
    for (const peer of ctx.use(wireguardView).peers) {
      const key = certain(peer.publicKeyValue);
      if (peer.disabled || !key || peer.interfaceName === undefined || !certain(peer.interfaceValue)) continue;
      const id = `${peer.interfaceName}\u0000${key.text}`;
      candidates.push({ peer, key, id });
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    const first = new Map<string, WgPeer>();
    for (const { peer, key, id } of candidates) {
      if (seen.get(id)! < 2) continue;
      if (!checkKeyText(key.text).ok) continue; // invalid-key reports it; one problem, one report
      const earlier = first.get(id);
      if (!earlier) {
        first.set(id, peer);
        continue;
      }
      const [a, b] = peerRefs(earlier, peer);
      ctx.report({
        span: key.span,
        message: `${b} has the same public-key as ${a} on \`${peer.interfaceName}\`; WireGuard identifies a peer by its key, so only one of them can work`,
        related: [{ span: earlier.publicKeyValue!.span, message: `${a} uses this public-key` }],
      });
    }
  },
};
