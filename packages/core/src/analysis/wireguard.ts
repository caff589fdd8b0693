/**
 * The WireGuard view of one configuration: interfaces and peers with parsed values.
 *
 * Rules use it through `ctx.use(wireguardView)`, so the parsing (allowed-address prefixes, key
 * derivation) happens once per file. Values that are `dynamic` (from variables/expressions) are
 * left out of the parsed fields; `uncertain` values are kept but flagged so rules can skip them.
 */
import type { Span } from '@roslint/parser';
import type { Item, PropertyValue, RouterConfig } from '../model/types.js';
import { certainProp, isDisabled, staticProp } from '../model/types.js';
import { parsePrefixDetailed, type Prefix } from './prefix.js';
import { derivePublicKey } from './keys.js';
import { commentLabel } from '../linter/directives.js';

export const WIREGUARD_MENU = '/interface/wireguard';
export const WIREGUARD_PEERS_MENU = '/interface/wireguard/peers';

/** Keyword values that are not secrets (`preshared-key=none`, peer `private-key=auto`). */
export const KEY_KEYWORDS: ReadonlySet<string> = new Set(['auto', 'none']);

export interface WgInterface {
  item: Item;
  /** The interface name; for an `add` without `name=` the name RouterOS would pick (`wireguardN`). */
  name: string;
  /** No `name=` was given: `name` is RouterOS's auto-name guess. */
  autoNamed: boolean;
  nameValue?: PropertyValue;
  listenPort?: number;
  listenPortValue?: PropertyValue;
  /** `auto` or a number; undefined when not set (RouterOS default 1420). */
  mtu?: number | 'auto';
  mtuValue?: PropertyValue;
  /** Present only when the file shows it (never copy its text into a message). */
  privateKeyValue?: PropertyValue;
  /** Derived from the private key when the file shows a valid one. */
  publicKey?: string;
  disabled: boolean;
}

export interface AllowedAddress {
  /** The element as written (one comma-separated entry). */
  text: string;
  /** Exact span of this entry inside the value (falls back to the whole value's span). */
  span: Span;
  /** Parsed prefix, or undefined with `error` when the entry is not a prefix. */
  prefix?: Prefix;
  error?: string;
}

export interface WgPeer {
  item: Item;
  /** Position among the peers, in RouterOS order (as `print` numbers them, from 0). */
  index: number;
  interfaceName?: string;
  interfaceValue?: PropertyValue;
  /** `certain(interfaceValue) !== undefined`, worked out once: pairing and several rules ask it of every peer. */
  interfaceCertain: boolean;
  publicKey?: string;
  publicKeyValue?: PropertyValue;
  /** Parsed entries; empty when the value is absent or dynamic. */
  allowed: AllowedAddress[];
  allowedValue?: PropertyValue;
  endpointAddressValue?: PropertyValue;
  endpointPortValue?: PropertyValue;
  /** Parsed endpoint-port (NaN-free; undefined when absent or not a number). */
  endpointPort?: number;
  keepaliveValue?: PropertyValue;
  /** persistent-keepalive in seconds (0 = off); undefined when absent or unparsable. */
  keepaliveSeconds?: number;
  presharedKeyValue?: PropertyValue;
  privateKeyValue?: PropertyValue;
  responder: boolean;
  name?: string;
  comment?: string;
  disabled: boolean;
  /** For messages: name, else comment, else `#n (public key prefix…)`. Never a secret. */
  label: string;
}

export interface WireGuardView {
  interfaces: WgInterface[];
  interfacesByName: Map<string, WgInterface>;
  peers: WgPeer[];
  /** Enabled peers (and all peers), grouped by `interface=` name. */
  peersByInterface: Map<string, WgPeer[]>;
}

/** A value usable as a literal: present and not computed from variables/expressions. */
export function literal(v: PropertyValue | undefined): PropertyValue | undefined {
  return v !== undefined && !v.dynamic ? v : undefined;
}

/** A value a rule may judge: literal and not set under control flow. */
export function certain(v: PropertyValue | undefined): PropertyValue | undefined {
  return v !== undefined && !v.dynamic && !v.uncertain ? v : undefined;
}

/** A number written as at most nine decimal digits; undefined for any other text. */
function intOfText(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

function intValue(v: PropertyValue | undefined): number | undefined {
  return intOfText(literal(v)?.text);
}

/**
 * RouterOS time → seconds: `25s`, `25`, `1m`, `1h2m3s`, `1d`, `1w`, `00:00:25`, `1d 00:00:25`.
 * Undefined when it is not a time.
 */
export function parseDurationSeconds(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const clock = /^(?:(\d+)d\s*)?(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(t);
  if (clock) return Number(clock[1] ?? 0) * 86400 + Number(clock[2]) * 3600 + Number(clock[3]) * 60 + Number(clock[4]);
  const units = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(t);
  if (units && t !== '') {
    const [, w, d, h, m, s] = units;
    return Number(w ?? 0) * 604800 + Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
  }
  return undefined;
}

/**
 * Split a comma list into entries with their exact spans in the source. The value's span covers
 * the source text (maybe quoted, maybe continued over lines); each entry is located in it by
 * search, and falls back to the whole value span when it cannot be found verbatim.
 */
export function splitListValue(value: PropertyValue, sourceText: string): { text: string; span: Span }[] {
  const base = verbatimOffset(value, sourceText);
  return base >= 0 ? splitVerbatim(value.text, base) : splitListBySearch(value, sourceText);
}

/** `splitListValue` for any value: each entry searched for in the value's source text. */
export function splitListBySearch(value: PropertyValue, sourceText: string): { text: string; span: Span }[] {
  const raw = sourceText.slice(value.span.start, value.span.end);
  const out: { text: string; span: Span }[] = [];
  let cursor = 0;
  for (const part of value.text.split(',')) {
    const text = part.trim();
    if (text === '') continue;
    const at = raw.indexOf(text, cursor);
    if (at >= 0) {
      out.push({ text, span: { start: value.span.start + at, end: value.span.start + at + text.length } });
      cursor = at + text.length;
    } else {
      out.push({ text, span: value.span });
    }
  }
  return out;
}

/**
 * Where the value's text stands verbatim in the source — its span exactly, or inside the quotes
 * of a quoted span — else −1. Then every entry sits where the search above would find it (the
 * gap before an entry holds only commas and white space, which no trimmed entry starts with), so
 * spans follow from offsets without slicing and searching; most values are written this way.
 * A quoted text with a `"` is left to the search (the opening quote could then match).
 */
function verbatimOffset(value: PropertyValue, sourceText: string): number {
  const { text, span } = value;
  const width = span.end - span.start;
  if (width === text.length && sourceText.startsWith(text, span.start)) return span.start;
  if (width === text.length + 2 && sourceText.charCodeAt(span.start) === 34 /* " */ && sourceText.startsWith(text, span.start + 1)) {
    return text.includes('"') ? -1 : span.start + 1;
  }
  return -1;
}

/** `splitListValue` of a text that stands at `base` in the source (see `verbatimOffset`). */
function splitVerbatim(text: string, base: number): { text: string; span: Span }[] {
  const out: { text: string; span: Span }[] = [];
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf(',', from);
    if (to < 0) to = text.length;
    if (to > from) {
      const first = text.charCodeAt(from);
      const last = text.charCodeAt(to - 1);
      // Printable ASCII at both ends needs no trimming (the common case: no slice of a slice).
      if (first > 32 && first < 127 && last > 32 && last < 127) {
        out.push({ text: text.slice(from, to), span: { start: base + from, end: base + to } });
      } else {
        const part = text.slice(from, to);
        const entry = part.trim();
        if (entry !== '') {
          const start = base + from + part.length - part.trimStart().length;
          out.push({ text: entry, span: { start, end: start + entry.length } });
        }
      }
    }
    from = to + 1;
  }
  return out;
}

function shortKey(key: string | undefined): string {
  return key ? `${key.slice(0, 8)}…` : 'no public key';
}

function buildInterfaces(config: RouterConfig): WgInterface[] {
  const out: WgInterface[] = [];
  const taken = new Set<string>();
  for (const item of config.items(WIREGUARD_MENU)) {
    const nv = literal(item.props.get('name'));
    if (nv) taken.add(nv.text);
  }
  let auto = 1;
  for (const item of config.items(WIREGUARD_MENU)) {
    const nameValue = literal(item.props.get('name'));
    let name = nameValue?.text;
    const autoNamed = name === undefined;
    if (name === undefined) {
      while (taken.has(`wireguard${auto}`)) auto++;
      name = `wireguard${auto}`;
      taken.add(name);
    }
    const mtuValue = literal(item.props.get('mtu'));
    const privateKeyValue = literal(item.props.get('private-key'));
    const publicKey = privateKeyValue ? derivePublicKey(privateKeyValue.text) : undefined;
    const listenPortValue = item.props.get('listen-port');
    const listenPort = intValue(listenPortValue);
    out.push({
      item,
      name,
      autoNamed,
      ...(nameValue ? { nameValue } : {}),
      ...(listenPort !== undefined ? { listenPort } : {}),
      ...(listenPortValue ? { listenPortValue } : {}),
      ...(mtuValue ? { mtu: mtuValue.text === 'auto' ? ('auto' as const) : intValue(mtuValue) } : {}),
      ...(mtuValue ? { mtuValue } : {}),
      ...(privateKeyValue ? { privateKeyValue } : {}),
      ...(publicKey ? { publicKey } : {}),
      disabled: isDisabled(item),
    });
  }
  return out;
}

/**
 * A peer of the view. Its `…Value` fields are read from the item on each access rather than kept:
 * a log-backed item (LoggedItem) builds a PropertyValue with three spans per read, and a view
 * holding eight of them per peer kept ~30 objects a peer alive for the whole lint (the garbage
 * collector copies every one). Rebuilt values die young, which is cheap; rules read few of them.
 * The parsed fields (names, key, allowed entries, numbers) are computed once, here.
 */
class Peer implements WgPeer {
  declare interfaceName?: string;
  declare publicKey?: string;
  declare name?: string;
  declare comment?: string;
  declare endpointPort?: number;
  declare keepaliveSeconds?: number;
  label = '';

  constructor(
    readonly item: Item,
    readonly index: number,
    readonly allowed: AllowedAddress[],
    readonly responder: boolean,
    readonly disabled: boolean,
    readonly interfaceCertain: boolean,
  ) {}

  get interfaceValue(): PropertyValue | undefined {
    return literal(this.item.props.get('interface'));
  }

  get publicKeyValue(): PropertyValue | undefined {
    return literal(this.item.props.get('public-key'));
  }

  get allowedValue(): PropertyValue | undefined {
    return this.item.props.get('allowed-address');
  }

  get endpointAddressValue(): PropertyValue | undefined {
    return this.item.props.get('endpoint-address');
  }

  get endpointPortValue(): PropertyValue | undefined {
    return this.item.props.get('endpoint-port');
  }

  get keepaliveValue(): PropertyValue | undefined {
    return this.item.props.get('persistent-keepalive');
  }

  get presharedKeyValue(): PropertyValue | undefined {
    return this.item.props.get('preshared-key');
  }

  get privateKeyValue(): PropertyValue | undefined {
    return this.item.props.get('private-key');
  }
}

function buildPeer(item: Item, index: number, sourceText: string): WgPeer {
  const props = item.props;
  const allowed: AllowedAddress[] = [];
  const allowedValue = literal(props.get('allowed-address'));
  if (allowedValue) {
    for (const e of splitListValue(allowedValue, sourceText)) {
      const r = parsePrefixDetailed(e.text);
      allowed.push(r.ok ? { text: e.text, span: e.span, prefix: r.prefix } : { text: e.text, span: e.span, error: r.reason });
    }
  }
  const name = staticProp(item, 'name') || undefined;
  // Not staticProp: that shifted a later GC so that the 20 MB export's peak RSS rose by ~120 MB
  // (old-space garbage of the firewall stage got promoted; measured, not understood).
  const comment = literal(props.get('comment'))?.text || undefined;
  const responderText = props.has('responder') ? staticProp(item, 'responder') : staticProp(item, 'is-responder');
  const responder = responderText === 'yes' || responderText === 'true';
  const peer = new Peer(item, index, allowed, responder, isDisabled(item), certainProp(item, 'interface') !== undefined);
  // Optional fields are set only when present, the ones most peers have first: peers then share
  // their hidden classes as long as possible, and these stores stay monomorphic (a store that
  // must find its transition among many shapes was the slowest line of the view on a 20,000-peer
  // export). `staticProp` is `literal(props.get(…))?.text` without building the value.
  const interfaceName = staticProp(item, 'interface');
  if (interfaceName !== undefined) peer.interfaceName = interfaceName;
  const publicKey = staticProp(item, 'public-key');
  if (publicKey !== undefined) peer.publicKey = publicKey;
  if (name) peer.name = name;
  if (comment) peer.comment = comment;
  const endpointPort = intOfText(staticProp(item, 'endpoint-port'));
  if (endpointPort !== undefined) peer.endpointPort = endpointPort;
  const keepalive = staticProp(item, 'persistent-keepalive');
  const seconds = keepalive !== undefined ? parseDurationSeconds(keepalive) : undefined;
  if (seconds !== undefined) peer.keepaliveSeconds = seconds;
  // A comment that carries a suppression directive names the peer without it.
  peer.label = name ?? (comment !== undefined ? commentLabel(comment) : undefined) ?? `#${index} (${shortKey(peer.publicKey)})`;
  return peer;
}

// Memoised per config so that analyses built on the view (and `ctx.use`) share one copy.
const viewCache = new WeakMap<RouterConfig, WireGuardView>();

/** The analysis: `ctx.use(wireguardView)`. */
/**
 * The interface of a peer that is part of a live, certain tunnel: the peer and its interface are
 * both enabled and set outside control flow, and `interface=` is a literal. Rules that judge what
 * the tunnel does (routes, endpoints) skip every other peer.
 */
export function liveInterfaceOf(view: WireGuardView, peer: WgPeer): WgInterface | undefined {
  if (peer.disabled || peer.item.uncertain || peer.interfaceName === undefined || !peer.interfaceCertain) return undefined;
  const wg = view.interfacesByName.get(peer.interfaceName);
  return wg === undefined || wg.disabled || wg.item.uncertain ? undefined : wg;
}

export function wireguardView(config: RouterConfig): WireGuardView {
  let view = viewCache.get(config);
  if (!view) viewCache.set(config, (view = buildWireguardView(config)));
  return view;
}

function buildWireguardView(config: RouterConfig): WireGuardView {
  const interfaces = buildInterfaces(config);
  const interfacesByName = new Map<string, WgInterface>();
  for (const i of interfaces) if (!interfacesByName.has(i.name)) interfacesByName.set(i.name, i);
  const text = config.source.text;
  const peers = config.items(WIREGUARD_PEERS_MENU).map((item, i) => buildPeer(item, i, text));
  const peersByInterface = new Map<string, WgPeer[]>();
  for (const p of peers) {
    if (p.interfaceName === undefined) continue;
    let list = peersByInterface.get(p.interfaceName);
    if (!list) peersByInterface.set(p.interfaceName, (list = []));
    list.push(p);
  }
  return { interfaces, interfacesByName, peers, peersByInterface };
}

/** `peer \`office2\`` — how messages name a peer. */
export function peerRef(peer: WgPeer): string {
  return `peer \`${peer.label}\``;
}

/** References for two peers that stay distinguishable when their labels collide. */
export function peerRefs(a: WgPeer, b: WgPeer): [string, string] {
  if (a.label !== b.label || a === b) return [peerRef(a), peerRef(b)];
  return [`peer \`${a.label}\` (#${a.index})`, `peer \`${b.label}\` (#${b.index})`];
}
