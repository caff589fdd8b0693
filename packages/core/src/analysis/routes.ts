/**
 * Routes (`/ip/route`, `/ipv6/route`, connected subnets, default routes that DHCP and PPP clients
 * install at run time) and a longest-prefix-match lookup: "which route carries destination X in
 * table main, and through which interface".
 *
 * Gateways are resolved to interfaces: an interface name, `ip%iface`, or an IP inside a connected
 * subnet; an IP reached through another static route is followed one level deep. Routing rules and
 * routing marks are indexed only as far as "is table X selected by anything at all".
 */
import type { Span } from '@roslint/parser';
import type { Item, PropertyValue, RouterConfig } from '../model/types.js';
import { isDisabled } from '../model/types.js';
import { type AddressIndex, addressIndex, connectedSubnetsFor, prefixLengthOf } from './addresses.js';
import { type InterfaceIndex, type MtuEstimate, PPP_CLIENT_KINDS, interfaceIndex, interfaceMtu } from './interfaces.js';
import { type Bounds, type IpFamily, containsAddress, formatAddress, parseAddress, parsePrefix } from './prefix.js';

export type RouteOrigin = 'static' | 'connected' | 'dhcp-client' | 'ppp-client';

export type Gateway =
  | { kind: 'interface'; name: string }
  | { kind: 'address'; family: IpFamily; value: bigint; text: string; scope?: string };

export interface Route {
  origin: RouteOrigin;
  family: IpFamily;
  /** Destination bounds; undefined when `dst-address` is not known statically. */
  dst: Bounds | undefined;
  /** Prefix length of `dst` (0 for a default route). */
  length: number;
  /** Destination as text for messages (`0.0.0.0/0`, `10.1.101.0/24`). */
  dstText: string;
  gateways: Gateway[];
  /** Written gateway text (for messages). */
  gatewayText: string;
  table: string;
  distance: number;
  /** blackhole / unreachable / prohibit: the packet leaves through no interface. */
  blackhole: boolean;
  /** The item that makes the route: the `/ip/route` entry, the address, the DHCP/PPP client. */
  item: Item;
  /** What to point at when naming this route (its dst-address value, else the statement). */
  span: Span;
  /** May or may not exist on the router (control flow, variables). */
  uncertain: boolean;
  /** Interfaces the route sends packets through; undefined when the file cannot tell. */
  egress: string[] | undefined;
}

export interface RoutingAnalysis {
  /** Active routes of every table: enabled static, connected, and run-time default routes. */
  routes: Route[];
  addresses: AddressIndex;
  interfaces: InterfaceIndex;
  /** Enabled routing rules, mangle `mark-routing` rules and VRFs that select a table, by table name. */
  tableSelectors: Map<string, Item[]>;
}

export const MAIN_TABLE = 'main';

const ROUTE_MENUS: ReadonlyArray<[string, IpFamily]> = [
  ['/ip/route', 4],
  ['/ipv6/route', 6],
];

function known(v: PropertyValue | undefined): v is PropertyValue {
  return v !== undefined && !v.dynamic;
}

function isNo(v: PropertyValue | undefined): boolean {
  return v !== undefined && (v.text === 'no' || v.text === 'false');
}

function distanceOf(v: PropertyValue | undefined, fallback: number): number {
  if (!known(v) || !/^\d{1,3}$/.test(v.text)) return fallback;
  return Number(v.text);
}

function parseGateways(text: string): Gateway[] {
  const out: Gateway[] = [];
  for (const part of text.split(',')) {
    const t = part.trim();
    if (t === '') continue;
    const a = parseAddress(t);
    if (a !== undefined) {
      out.push({ kind: 'address', family: a.family, value: a.value, text: t, ...(a.scope ? { scope: a.scope } : {}) });
    } else {
      out.push({ kind: 'interface', name: t });
    }
  }
  return out;
}

/** Interface → VRF name, from `/ip/vrf` (their connected routes live in that table). */
function vrfMembership(config: RouterConfig): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of config.items('/ip/vrf')) {
    if (isDisabled(item)) continue;
    const name = item.props.get('name');
    const ifaces = item.props.get('interfaces');
    if (!known(name) || !known(ifaces)) continue;
    for (const i of ifaces.text.split(',')) if (i.trim() !== '') out.set(i.trim(), name.text);
  }
  return out;
}

function interfaceDisabled(interfaces: InterfaceIndex, name: string): boolean {
  return interfaces.byName.get(name)?.disabled ?? false;
}

/**
 * Statements that wrote the positional flag `blackhole` (`add blackhole dst-address=…`, as v7
 * exports print it): the model keeps only named args as properties, the command log keeps flags.
 */
function blackholeStatements(config: RouterConfig): Set<number> {
  const out = new Set<number>();
  for (const c of config.commands) {
    if (c.menu !== '/ip/route' && c.menu !== '/ipv6/route') continue;
    if (!c.argNames.includes(null)) continue;
    // argValues is built on access (command-log.ts): read it once.
    if (c.argValues.some((value, i) => value === 'blackhole' && c.argNames[i] === null)) out.add(c.span.start);
  }
  return out;
}

function staticRoutes(config: RouterConfig, interfaces: InterfaceIndex): Route[] {
  const out: Route[] = [];
  const flagged = blackholeStatements(config);
  for (const [menu, family] of ROUTE_MENUS) {
    for (const item of config.items(menu)) {
      if (isDisabled(item)) continue;
      const dstValue = item.props.get('dst-address');
      const gwValue = item.props.get('gateway');
      const tableValue = item.props.get('routing-table') ?? item.props.get('routing-mark');
      const typeValue = item.props.get('type');
      const blackholeValue = item.props.get('blackhole');
      let uncertain = item.uncertain;
      let dst: Bounds | undefined;
      let length = 0;
      let dstText = family === 4 ? '0.0.0.0/0' : '::/0';
      if (dstValue === undefined) {
        dst = { family, first: 0n, last: family === 4 ? 0xffffffffn : (1n << 128n) - 1n };
      } else if (known(dstValue)) {
        const p = parsePrefix(dstValue.text);
        if (p !== undefined && p.family === family) {
          dst = { family, first: p.first, last: p.last };
          length = p.length;
          dstText = p.canonical;
        } else {
          continue; // not a route RouterOS would accept
        }
        uncertain ||= dstValue.uncertain;
      } else {
        uncertain = true;
        dstText = item.props.get('dst-address')?.text ?? dstText;
      }
      const blackhole =
        [item.span, ...item.touchedBy].some((sp) => flagged.has(sp.start)) ||
        (blackholeValue !== undefined && !isNo(blackholeValue)) ||
        (known(typeValue) && ['blackhole', 'unreachable', 'prohibit'].includes(typeValue.text));
      let gateways: Gateway[] = [];
      if (known(gwValue)) gateways = parseGateways(gwValue.text);
      else if (gwValue !== undefined) uncertain = true;
      // A route out of a disabled interface is inactive.
      if (gateways.some((g) => g.kind === 'interface' && interfaceDisabled(interfaces, g.name))) continue;
      out.push({
        origin: 'static',
        family,
        dst,
        length,
        dstText,
        gateways,
        gatewayText: item.props.get('gateway')?.text ?? '',
        table: known(tableValue) ? tableValue.text : MAIN_TABLE,
        distance: distanceOf(item.props.get('distance'), 1),
        blackhole,
        item,
        span: dstValue?.span ?? item.span,
        uncertain: uncertain || (tableValue !== undefined && !known(tableValue)),
        egress: undefined,
      });
    }
  }
  return out;
}

function connectedRoutes(addresses: AddressIndex, interfaces: InterfaceIndex, vrfs: Map<string, string>): Route[] {
  const out: Route[] = [];
  for (const [iface, list] of addresses.byInterface) {
    if (interfaceDisabled(interfaces, iface)) continue;
    for (const a of list) {
      for (const subnet of a.connected) {
        const length = prefixLengthOf(subnet);
        out.push({
          origin: 'connected',
          family: a.family,
          dst: subnet,
          length,
          dstText: `${formatAddress(a.family, subnet.first)}/${length}`,
          gateways: [{ kind: 'interface', name: iface }],
          gatewayText: iface,
          table: vrfs.get(iface) ?? MAIN_TABLE,
          distance: 0,
          blackhole: false,
          item: a.item,
          span: a.item.props.get('address')?.span ?? a.item.span,
          uncertain: a.uncertain,
          egress: [iface],
        });
      }
    }
  }
  return out;
}

function defaultRoute(family: IpFamily, iface: string, item: Item, origin: RouteOrigin, distance: number): Route {
  return {
    origin,
    family,
    dst: { family, first: 0n, last: family === 4 ? 0xffffffffn : (1n << 128n) - 1n },
    length: 0,
    dstText: family === 4 ? '0.0.0.0/0' : '::/0',
    gateways: [{ kind: 'interface', name: iface }],
    gatewayText: iface,
    table: MAIN_TABLE,
    distance,
    blackhole: false,
    item,
    span: item.props.get('add-default-route')?.span ?? item.props.get('interface')?.span ?? item.span,
    uncertain: item.uncertain,
    egress: [iface],
  };
}

/** Default routes that DHCP clients (add-default-route defaults to yes for IPv4) and PPP clients install. */
function runtimeDefaultRoutes(config: RouterConfig, interfaces: InterfaceIndex): Route[] {
  const out: Route[] = [];
  const dhcp: ReadonlyArray<[string, IpFamily, boolean]> = [
    ['/ip/dhcp-client', 4, true],
    ['/ipv6/dhcp-client', 6, false],
  ];
  for (const [menu, family, defaultOn] of dhcp) {
    for (const item of config.items(menu)) {
      if (isDisabled(item)) continue;
      const iface = item.props.get('interface');
      if (!known(iface) || interfaceDisabled(interfaces, iface.text)) continue;
      const add = item.props.get('add-default-route');
      const on = add === undefined ? defaultOn : !isNo(add);
      if (!on) continue;
      const r = defaultRoute(family, iface.text, item, 'dhcp-client', distanceOf(item.props.get('default-route-distance'), 1));
      if (add !== undefined && add.dynamic) r.uncertain = true;
      out.push(r);
    }
  }
  for (const info of interfaces.all) {
    if (!PPP_CLIENT_KINDS.has(info.kind) || info.disabled) continue;
    const add = info.item.props.get('add-default-route');
    if (add === undefined || isNo(add)) continue; // PPP clients add none unless told to
    const r = defaultRoute(4, info.name, info.item, 'ppp-client', distanceOf(info.item.props.get('default-route-distance'), 1));
    if (add.dynamic) r.uncertain = true;
    out.push(r);
  }
  return out;
}

/** Routing rules, routing marks and VRFs: which tables anything selects. */
function tableSelectorsOf(config: RouterConfig): Map<string, Item[]> {
  const out = new Map<string, Item[]>();
  const add = (table: string, item: Item) => {
    const list = out.get(table);
    if (list) list.push(item);
    else out.set(table, [item]);
  };
  for (const menu of ['/routing/rule', '/ip/route/rule']) {
    for (const item of config.items(menu)) {
      if (isDisabled(item)) continue;
      const action = item.props.get('action');
      if (known(action) && !['lookup', 'lookup-only-in-table'].includes(action.text)) continue;
      const table = item.props.get('table');
      if (known(table)) add(table.text, item);
    }
  }
  for (const menu of ['/ip/firewall/mangle', '/ipv6/firewall/mangle', '/routing/mangle']) {
    for (const item of config.items(menu)) {
      if (isDisabled(item)) continue;
      const mark = item.props.get('new-routing-mark');
      const action = item.props.get('action');
      if (known(mark) && (!known(action) || action.text === 'mark-routing')) add(mark.text, item);
    }
  }
  for (const item of config.items('/ip/vrf')) {
    const name = item.props.get('name');
    if (!isDisabled(item) && known(name)) add(name.text, item);
  }
  return out;
}

/** Egress of a route without recursion: interface gateways, `ip%iface`, IPs in connected subnets. */
function directEgress(route: Route, addresses: AddressIndex): string[] | undefined {
  if (route.blackhole) return [];
  if (route.gateways.length === 0) return undefined;
  const out: string[] = [];
  for (const g of route.gateways) {
    if (g.kind === 'interface') out.push(g.name);
    else if (g.scope !== undefined) out.push(g.scope);
    else {
      const hit = connectedSubnetsFor(addresses, g.family, g.value)[0];
      if (hit === undefined || hit.address.interface === undefined) return undefined;
      out.push(hit.address.interface);
    }
  }
  return out;
}

/** Egress of the most specific static route to a gateway address (no further recursion). */
function resolveViaStatic(ra: RoutingAnalysis, table: string, family: IpFamily, value: bigint): string[] | undefined {
  const best = lookupRoute(ra, family, value, table).candidates.find((r) => r.origin === 'static' && !r.blackhole);
  return best === undefined ? undefined : directEgress(best, ra.addresses);
}

function resolveEgress(ra: RoutingAnalysis): void {
  const { routes, addresses } = ra;
  for (const r of routes) {
    if (r.egress !== undefined) continue;
    const direct = directEgress(r, addresses);
    if (direct !== undefined) {
      r.egress = direct;
      continue;
    }
    // One level of recursion: a gateway IP reached through another static route.
    const out: string[] = [];
    let ok = r.gateways.length > 0;
    for (const g of r.gateways) {
      if (g.kind === 'interface') out.push(g.name);
      else if (g.scope !== undefined) out.push(g.scope);
      else {
        const hit = connectedSubnetsFor(addresses, g.family, g.value)[0];
        const via = hit?.address.interface !== undefined ? [hit.address.interface] : resolveViaStatic(ra, r.table, g.family, g.value);
        if (via === undefined) ok = false;
        else out.push(...via);
      }
    }
    r.egress = ok ? out : undefined;
  }
}

const cache = new WeakMap<RouterConfig, RoutingAnalysis>();

/** Every active route of the file with its egress interfaces resolved. */
export function routingAnalysis(config: RouterConfig): RoutingAnalysis {
  const hit = cache.get(config);
  if (hit) return hit;
  const interfaces = interfaceIndex(config);
  const addresses = addressIndex(config);
  const vrfs = vrfMembership(config);
  const routes = [
    ...connectedRoutes(addresses, interfaces, vrfs),
    ...staticRoutes(config, interfaces),
    ...runtimeDefaultRoutes(config, interfaces),
  ];
  const result: RoutingAnalysis = { routes, addresses, interfaces, tableSelectors: tableSelectorsOf(config) };
  resolveEgress(result);
  cache.set(config, result);
  return result;
}

export interface RouteLookup {
  /** The routes that carry the destination: most specific, then lowest distance (ties all listed). */
  winners: Route[];
  /**
   * False when something the file leaves open could change the answer: an uncertain route at least
   * as specific as the winners, or a route whose destination is unknown.
   */
  certain: boolean;
  /** Every route of the table that contains the destination, most specific first. */
  candidates: Route[];
}

const unknownDstCache = new WeakMap<RoutingAnalysis, Set<string>>();

/** Does the table hold a route whose destination is unknown (from a variable)? */
function hasUnknownDst(ra: RoutingAnalysis, table: string, family: IpFamily): boolean {
  let set = unknownDstCache.get(ra);
  if (!set) {
    set = new Set(ra.routes.filter((r) => r.dst === undefined).map((r) => `${r.table}\u0000${r.family}`));
    unknownDstCache.set(ra, set);
  }
  return set.has(`${table}\u0000${family}`);
}

function pickWinners(candidates: Route[], unknownDst: boolean): RouteLookup {
  candidates.sort((a, b) => b.length - a.length || a.distance - b.distance);
  const top = candidates[0];
  if (top === undefined) return { winners: [], certain: !unknownDst, candidates };
  const winners = candidates.filter((r) => r.length === top.length && r.distance === top.distance);
  const shaky = candidates.some((r) => r.uncertain && r.length >= top.length);
  return { winners, certain: !unknownDst && !shaky, candidates };
}

interface LpmIndex {
  /** table → family → prefix length → network → routes. */
  tables: Map<string, Map<IpFamily, Map<number, Map<bigint, Route[]>>>>;
}

const lpmCache = new WeakMap<RoutingAnalysis, LpmIndex>();

/** Routes keyed by (table, family, length, network): a lookup is one map probe per length in use. */
function lpmIndex(ra: RoutingAnalysis): LpmIndex {
  const hit = lpmCache.get(ra);
  if (hit) return hit;
  const tables: LpmIndex['tables'] = new Map();
  for (const r of ra.routes) {
    if (r.dst === undefined) continue;
    let fams = tables.get(r.table);
    if (!fams) tables.set(r.table, (fams = new Map()));
    let lens = fams.get(r.family);
    if (!lens) fams.set(r.family, (lens = new Map()));
    let nets = lens.get(r.length);
    if (!nets) lens.set(r.length, (nets = new Map()));
    const list = nets.get(r.dst.first);
    if (list) list.push(r);
    else nets.set(r.dst.first, [r]);
  }
  const index = { tables };
  lpmCache.set(ra, index);
  return index;
}

/** Longest-prefix match of one address in a table (default: main). */
export function lookupRoute(ra: RoutingAnalysis, family: IpFamily, value: bigint, table = MAIN_TABLE): RouteLookup {
  const bits = family === 4 ? 32 : 128;
  const candidates: Route[] = [];
  for (const [length, nets] of lpmIndex(ra).tables.get(table)?.get(family) ?? []) {
    const hostBits = BigInt(bits - length);
    const network = (value >> hostBits) << hostBits;
    const list = nets.get(network);
    if (list) candidates.push(...list);
  }
  return pickWinners(candidates, hasUnknownDst(ra, table, family));
}

/** The default route(s) of a table: what carries traffic no more specific route claims. */
export function lookupDefaultRoute(ra: RoutingAnalysis, family: IpFamily, table = MAIN_TABLE): RouteLookup {
  const candidates = ra.routes.filter((r) => r.table === table && r.family === family && r.dst !== undefined && r.length === 0);
  return pickWinners(candidates, hasUnknownDst(ra, table, family));
}

/** Does the route send packets through `iface` (false when unknown or blackhole)? */
export function routeGoesVia(route: Route, iface: string): boolean {
  return route.egress !== undefined && route.egress.includes(iface);
}

/** Enabled routing rules / marks / VRFs that make a table reachable (empty for none; main is always used). */
export function tableSelectedBy(ra: RoutingAnalysis, table: string): Item[] {
  return ra.tableSelectors.get(table) ?? [];
}

export interface UnderlayEstimate extends MtuEstimate {
  /** The interface packets to the destination leave through, when the file tells. */
  interface?: string;
}

/**
 * The MTU of the path towards `value` (or, without a destination, towards the default route) in
 * table main, ignoring routes through `exclude` (a tunnel's own packets cannot use the tunnel).
 * When the routes leave it open, the larger candidate wins: an assumption must never invent a problem.
 */
export function underlayMtu(
  ra: RoutingAnalysis,
  family: IpFamily,
  value: bigint | undefined,
  exclude?: string,
): UnderlayEstimate {
  const lookup = value === undefined ? lookupDefaultRoute(ra, family) : lookupRoute(ra, family, value);
  const usable = lookup.candidates.filter((r) => !(exclude !== undefined && routeGoesVia(r, exclude)) && !r.blackhole);
  const top = usable[0];
  if (top === undefined || !lookup.certain) return { mtu: 1500, explanation: 'assumed 1500-byte path', assumed: true };
  const winners = usable.filter((r) => r.length === top.length && r.distance === top.distance);
  let best: UnderlayEstimate | undefined;
  for (const r of winners) {
    if (r.egress === undefined || r.egress.length === 0 || r.uncertain) {
      return { mtu: 1500, explanation: 'assumed 1500-byte path', assumed: true };
    }
    for (const iface of r.egress) {
      const est = interfaceMtu(ra.interfaces, iface);
      if (best === undefined || est.mtu > best.mtu) best = { ...est, interface: iface };
    }
  }
  return best ?? { mtu: 1500, explanation: 'assumed 1500-byte path', assumed: true };
}

/** Intervals of one family answering "does anything overlap this range?" in O(log n). */
export class RangeSet {
  private readonly firsts: bigint[];
  /** maxLast[i] = the largest `last` among the first i+1 ranges (sorted by first). */
  private readonly maxLast: bigint[];
  constructor(ranges: readonly Bounds[]) {
    const sorted = [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    this.firsts = sorted.map((r) => r.first);
    this.maxLast = [];
    let max = -1n;
    for (const r of sorted) {
      if (r.last > max) max = r.last;
      this.maxLast.push(max);
    }
  }
  overlapsAny(b: Bounds): boolean {
    // Ranges starting at or before b.last; one of them overlaps iff the largest end reaches b.first.
    let lo = 0;
    let hi = this.firsts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.firsts[mid]! <= b.last) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.maxLast[lo - 1]! >= b.first;
  }
}

export interface RoutesThrough {
  table: string;
  family: IpFamily;
  routes: Route[];
  ranges: RangeSet;
}

export interface RoutesByInterface {
  /** Certain static/run-time routes (not connected, not blackhole) by egress interface. */
  byInterface: Map<string, RoutesThrough[]>;
  /** Uncertain routes: they may exist and may go anywhere, so callers treat them as "maybe". */
  uncertain: Route[];
}

const byInterfaceCache = new WeakMap<RoutingAnalysis, RoutesByInterface>();

/** Routes grouped by the interface they leave through, per table and family, with range sets. */
export function routesByInterface(ra: RoutingAnalysis): RoutesByInterface {
  const hit = byInterfaceCache.get(ra);
  if (hit) return hit;
  const groups = new Map<string, Map<string, Route[]>>();
  const uncertain: Route[] = [];
  for (const r of ra.routes) {
    if (r.origin === 'connected' || r.blackhole) continue;
    if (r.uncertain || r.dst === undefined) {
      uncertain.push(r);
      continue;
    }
    for (const iface of new Set(r.egress ?? [])) {
      let perIface = groups.get(iface);
      if (!perIface) groups.set(iface, (perIface = new Map()));
      const key = `${r.table}\u0000${r.family}`;
      const list = perIface.get(key);
      if (list) list.push(r);
      else perIface.set(key, [r]);
    }
  }
  const byInterface = new Map<string, RoutesThrough[]>();
  for (const [iface, perIface] of groups) {
    byInterface.set(
      iface,
      [...perIface.values()].map((routes) => ({
        table: routes[0]!.table,
        family: routes[0]!.family,
        routes,
        ranges: new RangeSet(routes.map((r) => r.dst!)),
      })),
    );
  }
  const result = { byInterface, uncertain };
  byInterfaceCache.set(ra, result);
  return result;
}
