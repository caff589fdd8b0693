/**
 * Every private key the network's files show (interface `private-key`, peer `private-key` kept for
 * client configs, a wg-quick `PrivateKey`), by value. Used to spot a private key pasted into a
 * `public-key` field. Holders of the returned values must never print them.
 */
import type { Span } from '@roslint/parser';
import type { PropertyValue } from '../../model/types.js';
import { isKeyText } from '../keys.js';
import { KEY_KEYWORDS } from '../wireguard.js';
import type { RouterNode } from './routers.js';

export interface PrivateKeySighting {
  router: RouterNode;
  span: Span;
  /** What holds it, for messages: `interface \`wg0\``, `peer \`phone-1\``. */
  holder: string;
}

function usable(v: PropertyValue | undefined): v is PropertyValue {
  return v !== undefined && !v.dynamic && !KEY_KEYWORDS.has(v.text) && isKeyText(v.text);
}

export function privateKeySightings(routers: readonly RouterNode[]): Map<string, PrivateKeySighting[]> {
  const out = new Map<string, PrivateKeySighting[]>();
  const add = (key: string, s: PrivateKeySighting) => {
    const list = out.get(key);
    if (list) list.push(s);
    else out.set(key, [s]);
  };
  for (const router of routers) {
    for (const iface of router.view.interfaces) {
      if (usable(iface.privateKeyValue)) add(iface.privateKeyValue.text, { router, span: iface.privateKeyValue.span, holder: `interface \`${iface.name}\`` });
    }
    for (const peer of router.view.peers) {
      if (usable(peer.privateKeyValue)) add(peer.privateKeyValue.text, { router, span: peer.privateKeyValue.span, holder: `peer \`${peer.label}\`` });
    }
  }
  return out;
}
