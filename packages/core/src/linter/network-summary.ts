/**
 * What the network rules need of one router, as plain data a worker thread can post back.
 *
 * A RouterConfig holds closures and a SourceText, so it cannot cross threads. A worker that built
 * the full config sends this summary instead: the menus the network analyses read
 * (analysis/topology and what it calls: WireGuard view, addresses, interfaces, routes, NAT,
 * identity) in a compact encoding (menu-codec.ts), the route commands, the file's header facts and comments, and the public keys it
 * derived. The main thread rebuilds a config around its own SourceText of the same content.
 *
 * The rebuilt config refuses (throws on) any menu outside SUMMARY_MENUS, so an analysis that starts
 * reading a new menu fails loudly (a `roslint/internal-error`, and the both-ways test in
 * test/network-summary.test.ts) instead of silently seeing an empty menu.
 */
import type { Comment, SourceText } from '@roslint/parser';
import { derivedKeysOf, rememberDerivedKeys, type DerivedKey } from '../analysis/keys.js';
import type { CommandRecord, ExportHeader, Item, Menu, RouterConfig, RouterOSVersion } from '../model/types.js';
import { decodeMenus, encodeMenus, type EncodedMenus } from './menu-codec.js';

/** Menus the network analyses read (keep in step with analysis/topology and what it calls). */
export const SUMMARY_MENUS: ReadonlySet<string> = new Set([
  // wireguard.ts
  '/interface/wireguard',
  '/interface/wireguard/peers',
  // addresses.ts
  '/ip/address',
  '/ipv6/address',
  // interfaces.ts (INTERFACE_MENUS)
  '/interface/ethernet',
  '/interface/vlan',
  '/interface/bridge',
  '/interface/bonding',
  '/interface/pppoe-client',
  '/interface/l2tp-client',
  '/interface/pptp-client',
  '/interface/sstp-client',
  '/interface/ovpn-client',
  '/interface/gre',
  '/interface/ipip',
  '/interface/eoip',
  '/interface/lte',
  '/interface/macvlan',
  '/interface/veth',
  '/interface/vrrp',
  // routes.ts
  '/ip/route',
  '/ipv6/route',
  '/ip/vrf',
  '/ip/dhcp-client',
  '/ipv6/dhcp-client',
  '/routing/rule',
  '/ip/route/rule',
  '/ip/firewall/mangle',
  '/ipv6/firewall/mangle',
  '/routing/mangle',
  // topology/sources.ts
  '/ip/firewall/nat',
  '/ipv6/firewall/nat',
  // topology/routers.ts
  '/system/identity',
]);

/** Menus whose commands (not only items) the network analyses read: routes.ts, the `blackhole` flag. */
export const SUMMARY_COMMAND_MENUS: ReadonlySet<string> = new Set(['/ip/route', '/ipv6/route']);

export interface NetworkSummary {
  file: string;
  comments: Comment[];
  header?: ExportHeader;
  version?: RouterOSVersion;
  isExport: boolean;
  showsSensitive: boolean;
  /** The SUMMARY_MENUS the file has (menu-codec.ts; post `menus.numbers.buffer` as transferable). */
  menus: EncodedMenus;
  /** Commands run in SUMMARY_COMMAND_MENUS. */
  commands: CommandRecord[];
  /** Public keys the worker derived from the file's private keys (X25519 is not redone). */
  derivedKeys: DerivedKey[];
}

function privateKeysOf(items: readonly Item[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    const v = item.props.get('private-key');
    if (v !== undefined && !v.dynamic) out.push(v.text);
  }
  return out;
}

/** The part of a config the network rules read; structured-clonable. */
export function summarizeConfig(config: RouterConfig): NetworkSummary {
  const menus: Menu[] = [];
  for (const path of SUMMARY_MENUS) {
    const menu = config.menus.get(path);
    if (menu) menus.push(menu);
  }
  const wireguardItems = [...config.items('/interface/wireguard'), ...config.items('/interface/wireguard/peers')];
  return {
    file: config.file,
    comments: config.comments,
    ...(config.header ? { header: config.header } : {}),
    ...(config.version ? { version: config.version } : {}),
    isExport: config.isExport,
    showsSensitive: config.showsSensitive,
    menus: encodeMenus(menus),
    commands: config.commands.filter((c) => SUMMARY_COMMAND_MENUS.has(c.menu)),
    derivedKeys: derivedKeysOf(privateKeysOf(wireguardItems)),
  };
}

function refuse(menu: unknown): never {
  throw new Error(`the network summary does not carry menu ${String(menu)} (add it to SUMMARY_MENUS)`);
}

/** Menus of a rebuilt config: SUMMARY_MENUS only; asking for another one, or for all, throws. */
class SummaryMenus extends Map<string, Menu> {
  override get(path: string): Menu | undefined {
    if (!SUMMARY_MENUS.has(path)) refuse(path);
    return super.get(path);
  }
  override has(path: string): boolean {
    if (!SUMMARY_MENUS.has(path)) refuse(path);
    return super.has(path);
  }
  override values(): MapIterator<Menu> {
    return refuse('(every menu)');
  }
  override keys(): MapIterator<string> {
    return refuse('(every menu)');
  }
  override entries(): MapIterator<[string, Menu]> {
    return refuse('(every menu)');
  }
  override forEach(): void {
    refuse('(every menu)');
  }
  override [Symbol.iterator](): MapIterator<[string, Menu]> {
    return refuse('(every menu)');
  }
}

/**
 * A RouterConfig for the network rules, around `source` (the same content the summary was built
 * from). Seeds this thread's key-derivation memo with the summary's derived keys.
 */
export function configFromSummary(summary: NetworkSummary, source: SourceText): RouterConfig {
  rememberDerivedKeys(summary.derivedKeys);
  const menus = new SummaryMenus();
  for (const menu of decodeMenus(summary.menus)) menus.set(menu.path, menu);
  const get = (m: string): Menu | undefined => menus.get(m);
  return {
    file: summary.file,
    source,
    comments: summary.comments,
    ...(summary.header ? { header: summary.header } : {}),
    ...(summary.version ? { version: summary.version } : {}),
    isExport: summary.isExport,
    showsSensitive: summary.showsSensitive,
    menus,
    commands: summary.commands,
    items: (m: string): Item[] => get(m)?.items ?? [],
    singleton: (m: string): Item | undefined => get(m)?.items[0],
  };
}
