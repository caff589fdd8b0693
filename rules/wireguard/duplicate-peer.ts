import type { RouterRule } from '@roslint/core';
import { certainProp, isKeyText, peerRefs, wireguardView, type WgPeer } from '@roslint/core';

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
    // only those get an interface-and-key id and are validated (building an id string and decoding
    // every key of a 20,000-peer export was most of the cost).
    // Key texts, not values (`certainProp` builds none): a value is read only to report.
    const candidates: { peer: WgPeer; key: string; id?: string }[] = [];
    const peersByKey = new Map<string, number>();
    for (const peer of ctx.use(wireguardView).peers) {
      if (peer.disabled || peer.interfaceName === undefined || !peer.interfaceCertain) continue;
      const key = certainProp(peer.item, 'public-key');
      if (key === undefined) continue;
      candidates.push({ peer, key });
      peersByKey.set(key, (peersByKey.get(key) ?? 0) + 1);
    }
    const seen = new Map<string, number>();
    for (const c of candidates) {
      if (peersByKey.get(c.key)! < 2) continue;
      c.id = `${c.peer.interfaceName}\u0000${c.key}`;
      seen.set(c.id, (seen.get(c.id) ?? 0) + 1);
    }
    const first = new Map<string, WgPeer>();
    for (const { peer, key, id } of candidates) {
      if (id === undefined || seen.get(id)! < 2) continue;
      if (!isKeyText(key)) continue; // invalid-key reports it; one problem, one report
      const earlier = first.get(id);
      if (!earlier) {
        first.set(id, peer);
        continue;
      }
      const [a, b] = peerRefs(earlier, peer);
      ctx.report({
        span: peer.publicKeyValue!.span,
        message: `${b} has the same public-key as ${a} on \`${peer.interfaceName}\`; WireGuard identifies a peer by its key, so only one of them can work`,
        related: [{ span: earlier.publicKeyValue!.span, message: `${a} uses this public-key` }],
      });
    }
  },
};
