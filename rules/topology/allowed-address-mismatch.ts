import type { Link, NetworkRule } from '@roslint/core';
import { certain, contains, containsAddress, formatAddress, lanSourcesInto } from '@roslint/core';
import { ifaceOf, pairing, peerAnchor, peerOn, reportBoth, topologyOf } from '@roslint/core';

/**
 * WireGuard drops a packet whose source is outside the sender's allowed-address on the receiver.
 * Error: A's peer for B does not accept B's tunnel address. Warning: it does not accept a LAN
 * subnet B routes into the tunnel (without masquerading it).
 */
export const allowedAddressMismatch: NetworkRule = {
  meta: {
    id: 'topology/allowed-address-mismatch',
    defaultSeverity: 'error',
    summary: "A peer's allowed-address does not include the addresses the other router sends from",
    fixable: false,
    scope: 'network',
  },
  check(ctx) {
    // Only tunnels: the other router sends to this one only if it has a peer for it.
    for (const { a, b } of topologyOf(ctx).tunnels) {
      checkLink(ctx, a);
      checkLink(ctx, b);
    }
  },
};

function checkLink(ctx: Parameters<NetworkRule['check']>[0], link: Link): void {
  const peer = link.peer;
  const value = peer.allowedValue;
  if (value !== undefined && !certain(value)) return;
  const prefixes = peer.allowed.flatMap((e) => (e.prefix ? [e.prefix] : []));
  if (peer.allowed.some((e) => !e.prefix)) return; // unparsable entries: another rule's finding
  const span = value?.span ?? peerAnchor(peer);
  const sources = link.target.tunnelAddresses.get(link.targetIface) ?? [];
  if (sources.length > 0 && !sources.some((t) => prefixes.some((p) => containsAddress(p, t.family, t.value)))) {
    const t = sources[0]!;
    const addr = formatAddress(t.family, t.value);
    reportBoth(
      ctx,
      {
        router: link.router,
        span,
        message:
          `allowed-address of ${peerOn(link)} does not include ${addr}, the address ${ifaceOf(link.target, link.targetIface)} sends from ` +
          `(${pairing(link)}): every packet from it is dropped`,
        label: `allowed-address of ${peerOn(link)}`,
      },
      {
        router: link.target,
        span: t.address.item.props.get('address')?.span ?? t.address.item.span,
        message: `packets from ${addr} on ${ifaceOf(link.target, link.targetIface)} are dropped by ${peerOn(link)}, whose allowed-address does not include it (${pairing(link)})`,
        // This end points at the sender's own address (a wg-quick client's `Address` line).
        label: `${link.target.wgQuick ? 'Address' : 'address'} ${addr} of ${ifaceOf(link.target, link.targetIface)}`,
      },
    );
    return;
  }
  for (const lan of lanSourcesInto(link.target, link.targetIface)) {
    if (prefixes.some((p) => contains(p, lan.subnet))) continue;
    reportBoth(
      ctx,
      {
        router: link.router,
        span,
        message:
          `allowed-address of ${peerOn(link)} does not include ${lan.text}, a subnet \`${link.target.name}\` routes into the tunnel ` +
          `from \`${lan.interfaceName}\` (${pairing(link)}): its traffic is dropped here`,
        label: `allowed-address of ${peerOn(link)}`,
      },
      {
        router: link.target,
        span: lan.span,
        message: `traffic from ${lan.text} sent into \`${link.targetIface.name}\` is dropped by ${peerOn(link)}, whose allowed-address does not include it (${pairing(link)})`,
        label: `subnet ${lan.text} on \`${link.target.name}\``,
      },
      { severity: 'warning' },
    );
  }
}
