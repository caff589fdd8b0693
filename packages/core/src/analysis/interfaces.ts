/**
 * Interfaces across menus: name, kind, parent and the L3 MTU the configuration gives them.
 *
 * RouterOS keeps each interface type in its own menu (`/interface/ethernet`, `/interface/vlan`,
 * `/interface/pppoe-client`, …); this analysis joins them by name so that other analyses can ask
 * "what kind of interface is `wan`, what does it sit on, and how large a packet can leave through it".
 * MTUs are only what the file shows plus RouterOS defaults per type; nothing is probed.
 */
import type { Item, RouterConfig } from '../model/types.js';
import { isDisabled } from '../model/types.js';

export type InterfaceKind =
  | 'ethernet'
  | 'vlan'
  | 'bridge'
  | 'bonding'
  | 'pppoe-client'
  | 'l2tp-client'
  | 'pptp-client'
  | 'sstp-client'
  | 'ovpn-client'
  | 'wireguard'
  | 'gre'
  | 'ipip'
  | 'eoip'
  | 'lte'
  | 'macvlan'
  | 'veth'
  | 'vrrp';

/** Menus that define interfaces, with the kind they define. */
const INTERFACE_MENUS: ReadonlyArray<[string, InterfaceKind]> = [
  ['/interface/ethernet', 'ethernet'],
  ['/interface/vlan', 'vlan'],
  ['/interface/bridge', 'bridge'],
  ['/interface/bonding', 'bonding'],
  ['/interface/pppoe-client', 'pppoe-client'],
  ['/interface/l2tp-client', 'l2tp-client'],
  ['/interface/pptp-client', 'pptp-client'],
  ['/interface/sstp-client', 'sstp-client'],
  ['/interface/ovpn-client', 'ovpn-client'],
  ['/interface/wireguard', 'wireguard'],
  ['/interface/gre', 'gre'],
  ['/interface/ipip', 'ipip'],
  ['/interface/eoip', 'eoip'],
  ['/interface/lte', 'lte'],
  ['/interface/macvlan', 'macvlan'],
  ['/interface/veth', 'veth'],
  ['/interface/vrrp', 'vrrp'],
];

/** PPP clients: `max-mtu` is their L3 MTU, and they can install a default route. */
export const PPP_CLIENT_KINDS: ReadonlySet<InterfaceKind> = new Set([
  'pppoe-client',
  'l2tp-client',
  'pptp-client',
  'sstp-client',
  'ovpn-client',
]);

/** RouterOS default L3 MTU per kind when the file sets none (undefined: derived or unknown). */
const DEFAULT_MTU: Partial<Record<InterfaceKind, number>> = {
  ethernet: 1500,
  vlan: 1500,
  bridge: 1500, // `auto`: the smallest port MTU, 1500 with ordinary Ethernet ports
  bonding: 1500,
  'l2tp-client': 1450,
  'pptp-client': 1450,
  'sstp-client': 1500,
  'ovpn-client': 1500,
  wireguard: 1420,
  lte: 1500,
  macvlan: 1500,
  vrrp: 1500,
};

/** PPPoE header + PPP protocol field: a PPPoE session carries parent MTU − 8. */
const PPPOE_OVERHEAD = 8;

export interface InterfaceInfo {
  name: string;
  kind: InterfaceKind;
  item: Item;
  disabled: boolean;
  /** Created/changed under control flow or from variables. */
  uncertain: boolean;
  /** `interface=` of a vlan, pppoe-client, macvlan, vrrp: the interface it runs on. */
  parent?: string;
  /** `mtu=` (or `max-mtu=` for PPP clients) when the file gives a number. */
  explicitMtu?: number;
}

export interface InterfaceIndex {
  /** By name; the first definition wins when a name appears twice. */
  byName: Map<string, InterfaceInfo>;
  all: InterfaceInfo[];
}

/** An MTU with the reason for it, so messages can show where a number comes from. */
export interface MtuEstimate {
  mtu: number;
  /** Human explanation: `ether1`, `pppoe-out1 max-mtu`, `pppoe-out1 on ether1 (1500 − 8)`. */
  explanation: string;
  /** True when nothing in the file gave the number (assumed Ethernet 1500). */
  assumed: boolean;
}

/** The name an item of an interface menu is known by (`name=`, else `default-name=`). */
export function interfaceItemName(item: Item): string | undefined {
  const name = item.props.get('name');
  if (name !== undefined && !name.dynamic) return name.text;
  const def = item.props.get('default-name');
  if (def !== undefined && !def.dynamic) return def.text;
  return undefined;
}

function numberProp(item: Item, name: string): number | undefined {
  const v = item.props.get(name);
  if (v === undefined || v.dynamic || v.uncertain) return undefined;
  if (!/^\d{1,6}$/.test(v.text)) return undefined; // `auto`, empty, garbage
  return Number(v.text);
}

const cache = new WeakMap<RouterConfig, InterfaceIndex>();

/** Every interface defined or configured in the file, joined by name across menus. */
export function interfaceIndex(config: RouterConfig): InterfaceIndex {
  const hit = cache.get(config);
  if (hit) return hit;
  const byName = new Map<string, InterfaceInfo>();
  const all: InterfaceInfo[] = [];
  for (const [menu, kind] of INTERFACE_MENUS) {
    for (const item of config.items(menu)) {
      const name = interfaceItemName(item);
      if (name === undefined) continue;
      const parentValue = item.props.get('interface');
      const mtu = PPP_CLIENT_KINDS.has(kind) ? numberProp(item, 'max-mtu') : numberProp(item, 'mtu');
      const info: InterfaceInfo = {
        name,
        kind,
        item,
        disabled: isDisabled(item),
        uncertain: item.uncertain,
        ...(parentValue !== undefined && !parentValue.dynamic ? { parent: parentValue.text } : {}),
        ...(mtu !== undefined ? { explicitMtu: mtu } : {}),
      };
      all.push(info);
      if (!byName.has(name)) byName.set(name, info);
    }
  }
  const index = { byName, all };
  cache.set(config, index);
  return index;
}

/**
 * The largest IP packet that can leave through `name`, as far as the file tells.
 * Unknown interfaces (not configured in the file, e.g. a plain `ether1`) are assumed 1500.
 */
export function interfaceMtu(index: InterfaceIndex, name: string, depth = 0): MtuEstimate {
  const info = index.byName.get(name);
  if (info === undefined || depth > 4) {
    return { mtu: 1500, explanation: `${name} (assumed Ethernet)`, assumed: true };
  }
  if (info.kind === 'pppoe-client') {
    // A session cannot be larger than its parent allows, whatever max-mtu says.
    const parent = info.parent !== undefined ? interfaceMtu(index, info.parent, depth + 1) : undefined;
    const viaParent = parent !== undefined ? parent.mtu - PPPOE_OVERHEAD : undefined;
    if (info.explicitMtu !== undefined && (viaParent === undefined || info.explicitMtu <= viaParent)) {
      return { mtu: info.explicitMtu, explanation: `${name} max-mtu`, assumed: false };
    }
    if (viaParent !== undefined) {
      return {
        mtu: viaParent,
        explanation: `${name} on ${info.parent} (${parent!.mtu} − ${PPPOE_OVERHEAD} PPPoE)`,
        assumed: false,
      };
    }
    return { mtu: 1500 - PPPOE_OVERHEAD, explanation: `${name} (PPPoE on 1500)`, assumed: false };
  }
  if (info.explicitMtu !== undefined) {
    const what = PPP_CLIENT_KINDS.has(info.kind) ? 'max-mtu' : 'mtu';
    return { mtu: info.explicitMtu, explanation: `${name} ${what}`, assumed: false };
  }
  const def = DEFAULT_MTU[info.kind];
  if (def !== undefined) {
    return { mtu: def, explanation: name, assumed: def === 1500 };
  }
  return { mtu: 1500, explanation: `${name} (assumed 1500)`, assumed: true };
}
