import type { Link, NetworkRule } from '@roslint/core';
import { pairing, peerAnchor, peerOn, reportBoth, routerRef, topologyOf } from '@roslint/core';

type PskState = { kind: 'value'; text: string } | { kind: 'none' } | { kind: 'hidden' } | { kind: 'unknown' };

/** A missing preshared-key means "none" only where the file shows secrets; otherwise it is hidden. */
function pskOf(link: Link): PskState {
  const v = link.peer.presharedKeyValue;
  if (v === undefined) return link.router.config.showsSensitive ? { kind: 'none' } : { kind: 'hidden' };
  if (v.dynamic || v.uncertain || v.text === 'auto') return { kind: 'unknown' };
  if (v.text === '' || v.text === 'none') return { kind: 'none' };
  return { kind: 'value', text: v.text };
}

/** Both ends of a tunnel use the same preshared key, or neither uses one. */
export const pskMismatch: NetworkRule = {
  meta: {
    id: 'topology/psk-mismatch',
    defaultSeverity: 'error',
    summary: 'The two ends of a tunnel disagree on the preshared-key (one has none, or the values differ)',
    fixable: false,
    scope: 'network',
  },
  check(ctx) {
    for (const { a, b } of topologyOf(ctx).tunnels) {
      const pa = pskOf(a);
      const pb = pskOf(b);
      const spanOf = (l: Link) => l.peer.presharedKeyValue?.span ?? peerAnchor(l.peer);
      const end = (l: Link, message: string) => ({ router: l.router, span: spanOf(l), message, label: `${peerOn(l)}` });
      if (pa.kind === 'value' && pb.kind === 'value') {
        if (pa.text === pb.text) continue;
        const msg = (l: Link, o: Link) =>
          `preshared-key of ${peerOn(l)} differs from the one ${peerOn(o)} uses (${pairing(l)}): the handshake fails`;
        reportBoth(ctx, end(a, msg(a, b)), end(b, msg(b, a)));
      } else if ((pa.kind === 'value' && pb.kind === 'none') || (pa.kind === 'none' && pb.kind === 'value')) {
        const [has, lacks] = pa.kind === 'value' ? [a, b] : [b, a];
        reportBoth(
          ctx,
          end(has, `${peerOn(has)} has a preshared-key but ${peerOn(lacks)} has none (${pairing(has)}): the handshake fails`),
          end(lacks, `${peerOn(lacks)} has no preshared-key but ${peerOn(has)} uses one (${pairing(lacks)}): the handshake fails`),
        );
      } else if ((pa.kind === 'value' && pb.kind === 'hidden') || (pa.kind === 'hidden' && pb.kind === 'value')) {
        const [has, hidden] = pa.kind === 'value' ? [a, b] : [b, a];
        reportBoth(
          ctx,
          end(
            has,
            `${peerOn(has)} uses a preshared-key that cannot be verified: the file of ${routerRef(hidden.router)} hides secrets ` +
              `(${pairing(has)}); export it with show-sensitive to check both ends match`,
          ),
          end(
            hidden,
            `${peerOn(hidden)} must use the same preshared-key as ${peerOn(has)}, but this file hides secrets (${pairing(hidden)}); ` +
              `it cannot be verified`,
          ),
          { severity: 'info' },
        );
      }
    }
  },
};
