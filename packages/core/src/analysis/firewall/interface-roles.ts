/**
 * Which interfaces face the internet (WAN) and which the local network (LAN).
 *
 * WAN: the static members of the `WAN` interface list when the file defines one with members;
 * otherwise the interfaces that carry a default route, a `/ip dhcp-client` or are PPPoE clients.
 * LAN: the static members of the `LAN` list. WireGuard interfaces are never taken as WAN (a
 * full-tunnel client routes its default through the tunnel; a tunnel in the WAN list does not
 * receive its own handshakes).
 */
import type { RouterConfig } from '../../model/types.js';
import { isDisabled } from '../../model/types.js';
import { addressIndex, addressesOn } from '../addresses.js';
import { interfaceIndex } from '../interfaces.js';
import { interfaceLists, listStaticMembers } from '../interface-lists.js';
import { type IpFamily, parsePrefix } from '../prefix.js';
import { MAIN_TABLE, routingAnalysis } from '../routes.js';

export interface InterfaceRoles {
  wan: string[];
  /** Where `wan` came from. */
  wanFrom: 'list' | 'heuristic' | 'none';
  lan: string[];
}

const cache = new WeakMap<RouterConfig, InterfaceRoles>();

function heuristicWan(config: RouterConfig): string[] {
  const ifaces = interfaceIndex(config);
  const isWg = (name: string) => ifaces.byName.get(name)?.kind === 'wireguard';
  const out = new Set<string>();
  for (const item of config.items('/ip/dhcp-client')) {
    const iface = item.props.get('interface');
    if (!isDisabled(item) && iface && !iface.dynamic) out.add(iface.text);
  }
  for (const info of ifaces.all) if (info.kind === 'pppoe-client' && !info.disabled) out.add(info.name);
  try {
    const ra = routingAnalysis(config);
    for (const r of ra.routes) {
      if (r.family !== 4 || r.length !== 0 || r.table !== MAIN_TABLE || r.blackhole || r.uncertain) continue;
      for (const e of r.egress ?? []) out.add(e);
    }
  } catch {
    // The routing analysis is another module's work in progress; the other signals still count.
  }
  return [...out].filter((n) => !isWg(n));
}

export function interfaceRoles(config: RouterConfig): InterfaceRoles {
  const hit = cache.get(config);
  if (hit) return hit;
  const lists = interfaceLists(config);
  const wanList = lists.lists.get('WAN');
  let wan: string[] = [];
  let wanFrom: InterfaceRoles['wanFrom'] = 'none';
  if (wanList?.item !== undefined) {
    // A WireGuard interface put in WAN does not receive its own handshakes.
    const ifaces = interfaceIndex(config);
    wan = listStaticMembers(config, 'WAN').filter((n) => ifaces.byName.get(n)?.kind !== 'wireguard');
    if (wan.length > 0) wanFrom = 'list';
  }
  if (wan.length === 0) {
    wan = heuristicWan(config);
    if (wan.length > 0) wanFrom = 'heuristic';
  }
  const roles = { wan, wanFrom, lan: listStaticMembers(config, 'LAN') };
  cache.set(config, roles);
  return roles;
}

const GLOBAL_UNICAST = parsePrefix('2000::/3')!;

/**
 * Does `iface` have (or get at run time) a global IPv6 address: a static one in 2000::/3, one
 * taken from a pool (prefix delegation), or a DHCPv6 client that requests an address.
 */
export function hasGlobalIpv6(config: RouterConfig, iface: string): boolean {
  for (const a of addressesOn(addressIndex(config), iface, 6 as IpFamily)) {
    const pool = a.item.props.get('from-pool');
    if (pool !== undefined && pool.text !== '') return true;
    if (a.address && a.address.first >= GLOBAL_UNICAST.first && a.address.last <= GLOBAL_UNICAST.last) return true;
  }
  for (const item of config.items('/ipv6/dhcp-client')) {
    const i = item.props.get('interface');
    const req = item.props.get('request');
    if (isDisabled(item) || !i || i.text !== iface || !req) continue;
    if (req.text.split(',').includes('address')) return true;
  }
  return false;
}
