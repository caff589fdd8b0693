/**
 * What every topology rule shares: the network's pairing (computed once per lint), how messages
 * name routers, peers and interfaces, and where a report on each end points. No key value ever
 * goes into a message.
 */
import type { Span } from '@roslint/parser';
import type { NetworkRuleContext, RelatedReport, ReportDescriptor } from '../../rule.js';
import { peerRef, type WgInterface, type WgPeer } from '../wireguard.js';
import { methodText, networkTopology, type Link, type Topology } from './pairing.js';
import type { RouterNode } from './routers.js';

export function topologyOf(ctx: NetworkRuleContext): Topology {
  return networkTopology(ctx.configs);
}

export function routerRef(r: RouterNode): string {
  return `\`${r.name}\``;
}

/** `peer \`office-b\` on \`office-a-gw\``. */
export function peerOn(link: Link): string {
  return `${peerRef(link.peer)} on ${routerRef(link.router)}`;
}

/** `\`office-b-gw\` interface \`wg-office-a\``. */
export function ifaceOf(router: RouterNode, iface: WgInterface): string {
  return `${routerRef(router)} interface \`${iface.name}\``;
}

/** `(peer … for \`B\` interface \`wg\`, paired by key)`: how the pair was made, for every message. */
export function pairing(link: Link): string {
  const how = link.method === 'endpoint' && link.endpoint !== undefined ? `${methodText(link.method)} ${link.endpoint}` : methodText(link.method);
  return `${peerOn(link)} ↔ ${ifaceOf(link.target, link.targetIface)}, ${how}`;
}

/** Where a report about a peer points when no more precise value exists. */
export function peerAnchor(peer: WgPeer): Span {
  return peer.publicKeyValue?.span ?? peer.interfaceValue?.span ?? peer.item.span;
}

export function ifaceAnchor(iface: WgInterface): Span {
  return iface.nameValue?.span ?? iface.item.span;
}

export interface EndReport {
  router: RouterNode;
  span: Span;
  message: string;
  /** Text of the related location shown on the other end's report. */
  label: string;
}

/** Report on both ends, each pointing at the other as a related location. */
export function reportBoth(
  ctx: NetworkRuleContext,
  one: EndReport,
  other: EndReport,
  extra: Pick<ReportDescriptor, 'severity'> = {},
): void {
  const rel = (e: EndReport): RelatedReport => ({ config: e.router.config, span: e.span, message: `${e.router.name}: ${e.label}` });
  ctx.report(one.router.config, { span: one.span, message: one.message, related: [rel(other)], ...extra });
  ctx.report(other.router.config, { span: other.span, message: other.message, related: [rel(one)], ...extra });
}
