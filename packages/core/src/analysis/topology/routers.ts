/**
 * The routers of a network: one per file, with the WireGuard and address facts pairing needs.
 * A router is named by its `/system identity` name, else its file name without directory and
 * extension; names that collide get the file appended so messages stay unambiguous.
 */
import type { RouterConfig } from '../../model/types.js';
import { isWgQuickConfig } from '../../wgquick/read.js';
import { type AddressIndex, type InterfaceAddress, addressIndex } from '../addresses.js';
import type { IpFamily } from '../prefix.js';
import { type WgInterface, type WgPeer, type WireGuardView, certain, wireguardView } from '../wireguard.js';

export interface TunnelAddress {
  router: RouterNode;
  iface: WgInterface;
  address: InterfaceAddress;
  family: IpFamily;
  /** The interface's own address (host part as written, `10.1.101.1` of `10.1.101.1/24`). */
  value: bigint;
}

export interface RouterNode {
  /** Position in the network's file list. */
  index: number;
  config: RouterConfig;
  name: string;
  /** Read from a wg-quick `.conf` (a client, whose defaults differ from RouterOS). */
  wgQuick: boolean;
  view: WireGuardView;
  addresses: AddressIndex;
  /** Enabled WireGuard interfaces with their certain tunnel addresses. */
  tunnelAddresses: Map<WgInterface, TunnelAddress[]>;
  /** Peers pairing considers: enabled, certain interface, on an enabled interface of this router. */
  peers: Array<{ peer: WgPeer; iface: WgInterface }>;
}

function baseName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(rsc|conf|txt)$/i, '') || base;
}

/** `/system identity` name, else the file name. */
export function routerName(config: RouterConfig): string {
  const identity = certain(config.singleton('/system/identity')?.props.get('name'));
  return identity && identity.text !== '' ? identity.text : baseName(config.file);
}

/**
 * Builds the per-router analyses `buildRouters` reads (each memoised per config), so that a caller
 * with spare time pays for them before the network rules run. The parallel linter calls it as each
 * worker's summary arrives: the network rules then run on one thread while the workers wait, and
 * rebuilding these views there was ~40 % of that wait on a 1,000-router network.
 */
export function prepareRouter(config: RouterConfig): void {
  wireguardView(config);
  addressIndex(config);
}

export function buildRouters(configs: readonly RouterConfig[]): RouterNode[] {
  const routers = configs.map((config, index): RouterNode => {
    const view = wireguardView(config);
    const addresses = addressIndex(config);
    const node: RouterNode = {
      index,
      config,
      name: routerName(config),
      wgQuick: isWgQuickConfig(config),
      view,
      addresses,
      tunnelAddresses: new Map(),
      peers: [],
    };
    for (const iface of view.interfaces) {
      if (iface.disabled || iface.item.uncertain) continue;
      const list: TunnelAddress[] = [];
      for (const a of addresses.byInterface.get(iface.name) ?? []) {
        if (a.uncertain || a.address === undefined) continue;
        list.push({ router: node, iface, address: a, family: a.family, value: a.address.address });
      }
      node.tunnelAddresses.set(iface, list);
    }
    for (const peer of view.peers) {
      if (peer.disabled || peer.item.uncertain || !peer.interfaceCertain) continue;
      const iface = view.interfacesByName.get(peer.interfaceName!);
      if (!iface || !node.tunnelAddresses.has(iface)) continue;
      node.peers.push({ peer, iface });
    }
    return node;
  });
  const count = new Map<string, number>();
  for (const r of routers) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  for (const r of routers) if (count.get(r.name)! > 1) r.name = `${r.name} (${r.config.file})`;
  return routers;
}
