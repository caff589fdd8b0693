/**
 * A wg-quick `.conf` → a synthetic RouterConfig, so network rules read a client file exactly like a
 * RouterOS export: `[Interface]` becomes an `/interface/wireguard` item (named after the file, as
 * wg-quick names the interface), each `Address` entry an `/ip/address` or `/ipv6/address` item,
 * each `[Peer]` an `/interface/wireguard/peers` item. Every value's span points into the `.conf`.
 *
 * Problems wg(8)/wg-quick(8) would refuse become `syntax/wgquick-error` diagnostics; messages never
 * contain a key value.
 */
import { SourceText } from '@roslint/parser';
import type { Comment, Diagnostic, ParseResult, Span } from '@roslint/parser';
import type { Item, PropertyValue, RouterConfig } from '../model/types.js';
import { emptyConfig } from '../model/evaluate.js';
import { checkKeyText } from '../analysis/keys.js';
import { parsePrefix } from '../analysis/prefix.js';
import { iniSecretSpans, withRepeats } from '../linter/secrets.js';
import { parseConf, type ConfEntry, type ConfSection } from './parse.js';

export const WGQUICK_ERROR = 'syntax/wgquick-error';

export interface WgQuickResult {
  source: SourceText;
  config: RouterConfig;
  /** A parse result with an empty script, for consumers that expect one (suppressions, scrubbing). */
  parsed: ParseResult;
  diagnostics: Diagnostic[];
  /** Spans of PrivateKey / PresharedKey values. */
  secretSpans: Span[];
}

const INTERFACE_KEYS = new Set([
  'privatekey', 'listenport', 'fwmark', 'address', 'dns', 'mtu', 'table',
  'preup', 'postup', 'predown', 'postdown', 'saveconfig',
]);
const PEER_KEYS = new Set(['publickey', 'presharedkey', 'allowedips', 'endpoint', 'persistentkeepalive']);
/** Keys that may appear more than once in a section (wg-quick accumulates them). */
const REPEATABLE = new Set(['address', 'dns', 'allowedips', 'preup', 'postup', 'predown', 'postdown']);

// Configs read from wg-quick files: topology rules use this where wg-quick defaults differ from
// RouterOS ones (no MTU = computed by wg-quick, no ListenPort = random).
const wgQuickConfigs = new WeakSet<RouterConfig>();

/** The config came from a wg-quick `.conf` file. */
export function isWgQuickConfig(config: RouterConfig): boolean {
  return wgQuickConfigs.has(config);
}

/** Files the linter reads as wg-quick configs. */
export function isWgQuickFile(file: string): boolean {
  return /\.conf$/i.test(file);
}

/** `wg0` for `/etc/wireguard/wg0.conf`. */
function interfaceNameOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.conf$/i, '') || 'wg0';
}

function value(text: string, span: Span, nameSpan: Span, statementSpan: Span): PropertyValue {
  return { text, negated: false, dynamic: false, uncertain: false, span, nameSpan, statementSpan };
}

function fromEntry(e: ConfEntry, text = e.value, span = e.valueSpan): PropertyValue {
  return value(text, span, e.keySpan, e.lineSpan);
}

/** Comma-separated entries with their spans (`0.0.0.0/0, ::/0`). */
function listEntries(e: ConfEntry): Array<{ text: string; span: Span }> {
  const out: Array<{ text: string; span: Span }> = [];
  let pos = e.valueSpan.start;
  for (const part of e.value.split(',')) {
    const lead = part.length - part.trimStart().length;
    const t = part.trim();
    if (t !== '') out.push({ text: t, span: { start: pos + lead, end: pos + lead + t.length } });
    pos += part.length + 1;
  }
  return out;
}

/** `host:port`, `[v6]:port`; undefined parts when malformed. */
function splitEndpoint(e: ConfEntry): { host?: { text: string; span: Span }; port?: { text: string; span: Span } } {
  const v = e.value;
  const colon = v.lastIndexOf(':');
  if (colon <= 0 || colon === v.length - 1) return {};
  let hostStart = 0;
  let hostEnd = colon;
  if (v.startsWith('[')) {
    if (v[colon - 1] !== ']') return {};
    hostStart = 1;
    hostEnd = colon - 1;
  } else if (v.slice(0, colon).includes(':')) {
    return {}; // an IPv6 endpoint must be bracketed
  }
  const base = e.valueSpan.start;
  return {
    host: { text: v.slice(hostStart, hostEnd), span: { start: base + hostStart, end: base + hostEnd } },
    port: { text: v.slice(colon + 1), span: { start: base + colon + 1, end: base + v.length } },
  };
}

/**
 * The comment naming a [Peer] (`# alice` on the line above, or after the header), which the
 * WireGuard view uses as the peer's label in messages.
 */
function labelComment(text: string, comments: readonly Comment[], header: Span): { text: string; span: Span } | undefined {
  const lineStart = text.lastIndexOf('\n', header.start - 1) + 1;
  for (const c of comments) {
    const trailing = c.start >= header.end && !/[\r\n]/.test(text.slice(header.end, c.start));
    // The comment line directly above: only whitespace between its end and the header's line.
    const above = c.end <= lineStart && /^\r?\n?$/.test(text.slice(c.end, lineStart)) && text.slice(text.lastIndexOf('\n', c.start - 1) + 1, c.start).trim() === '';
    if (!trailing && !above) continue;
    const t = c.text.trim();
    if (t !== '' && t.length <= 80) return { text: t, span: { start: c.start, end: c.end } };
  }
  return undefined;
}

function makeItem(id: number, menu: string, span: Span): Item {
  return { id, menu, props: new Map(), span, touchedBy: [], uncertain: false, implicit: false };
}

export function readWgQuick(content: string | Uint8Array, file: string): WgQuickResult {
  const source = typeof content === 'string' ? new SourceText(content) : SourceText.fromBytes(content);
  const text = source.text;
  const parsedConf = parseConf(text);
  const problems = [...parsedConf.problems];
  const secretSpans: Span[] = [];
  const config = emptyConfig(file, source, parsedConf.comments);
  // A wg-quick file hides nothing: a key that is not there is not set.
  config.showsSensitive = true;
  const menus = config.menus;
  let nextId = 0;
  const add = (menu: string, item: Item) => {
    let m = menus.get(menu);
    if (!m) menus.set(menu, (m = { path: menu, items: [] }));
    m.items.push(item);
  };
  const ifaceName = interfaceNameOf(file);

  const checkKey = (e: ConfEntry, what: string) => {
    const r = checkKeyText(e.value);
    if (!r.ok) problems.push({ span: e.valueSpan, message: `${e.key}: the ${what} ${r.reason}` });
  };
  const checkInt = (e: ConfEntry, max: number, allowOff = false): boolean => {
    if (allowOff && e.value.toLowerCase() === 'off') return true;
    if (/^\d{1,9}$/.test(e.value) && Number(e.value) <= max) return true;
    problems.push({ span: e.valueSpan, message: `${e.key}: expected a number from 0 to ${max}${allowOff ? ' or `off`' : ''}` });
    return false;
  };

  /** The section's entries by key, reporting unknown keys and repeated single-valued keys. */
  const entriesOf = (section: ConfSection, known: ReadonlySet<string>) => {
    const byKey = new Map<string, ConfEntry[]>();
    for (const e of section.entries) {
      if (!known.has(e.lowerKey)) {
        problems.push({ span: e.keySpan, message: `unknown key \`${e.key}\` in [${section.kind === 'peer' ? 'Peer' : 'Interface'}]` });
        continue;
      }
      const list = byKey.get(e.lowerKey);
      if (list && !REPEATABLE.has(e.lowerKey)) {
        problems.push({ span: e.keySpan, message: `\`${e.key}\` is given more than once in this section` });
        continue;
      }
      if (list) list.push(e);
      else byKey.set(e.lowerKey, [e]);
    }
    return byKey;
  };

  // Every key line is a secret wherever it stands: a repeated PrivateKey, one under [Peer], one
  // under an unknown section (those entries are dropped above, so the lexical scan catches them).
  for (const section of parsedConf.sections) {
    for (const e of section.entries) {
      if ((e.lowerKey === 'privatekey' || e.lowerKey === 'presharedkey') && e.valueSpan.end > e.valueSpan.start) secretSpans.push(e.valueSpan);
    }
  }
  secretSpans.push(...iniSecretSpans(text));

  const interfaces = parsedConf.sections.filter((s) => s.kind === 'interface');
  if (interfaces.length === 0 && parsedConf.sections.length > 0) {
    problems.push({ span: parsedConf.sections[0]!.headerSpan, message: 'no [Interface] section' });
  }
  for (const extra of interfaces.slice(1)) {
    problems.push({ span: extra.headerSpan, message: 'more than one [Interface] section' });
  }

  const iface = interfaces[0];
  if (iface) {
    const byKey = entriesOf(iface, INTERFACE_KEYS);
    const item = makeItem(nextId++, '/interface/wireguard', iface.headerSpan);
    item.props.set('name', value(ifaceName, iface.headerSpan, iface.headerSpan, iface.headerSpan));
    const pk = byKey.get('privatekey')?.[0];
    if (pk) {
      checkKey(pk, 'private key');
      item.props.set('private-key', fromEntry(pk));
    }
    const lp = byKey.get('listenport')?.[0];
    if (lp && checkInt(lp, 65535)) item.props.set('listen-port', fromEntry(lp));
    const mtu = byKey.get('mtu')?.[0];
    if (mtu && checkInt(mtu, 65535)) item.props.set('mtu', fromEntry(mtu));
    add('/interface/wireguard', item);
    for (const e of byKey.get('address') ?? []) {
      for (const a of listEntries(e)) {
        const p = parsePrefix(a.text);
        if (!p) {
          problems.push({ span: a.span, message: `Address: \`${a.text}\` is not an IP address with an optional /length` });
          continue;
        }
        const addr = makeItem(nextId++, p.family === 4 ? '/ip/address' : '/ipv6/address', e.lineSpan);
        addr.props.set('address', fromEntry(e, a.text, a.span));
        addr.props.set('interface', value(ifaceName, iface.headerSpan, iface.headerSpan, iface.headerSpan));
        add(addr.menu, addr);
      }
    }
  }

  for (const section of parsedConf.sections) {
    if (section.kind !== 'peer') continue;
    const byKey = entriesOf(section, PEER_KEYS);
    const item = makeItem(nextId++, '/interface/wireguard/peers', section.headerSpan);
    item.props.set('interface', value(ifaceName, section.headerSpan, section.headerSpan, section.headerSpan));
    const label = labelComment(text, parsedConf.comments, section.headerSpan);
    if (label) item.props.set('comment', value(label.text, label.span, label.span, label.span));
    const pub = byKey.get('publickey')?.[0];
    if (pub) {
      checkKey(pub, 'public key');
      item.props.set('public-key', fromEntry(pub));
    } else {
      problems.push({ span: section.headerSpan, message: '[Peer] without PublicKey' });
    }
    const psk = byKey.get('presharedkey')?.[0];
    if (psk) {
      checkKey(psk, 'preshared key');
      item.props.set('preshared-key', fromEntry(psk));
    }
    const allowed = byKey.get('allowedips') ?? [];
    if (allowed.length > 0) {
      const entries = allowed.flatMap((e) => listEntries(e));
      for (const a of entries) {
        if (!parsePrefix(a.text)) problems.push({ span: a.span, message: `AllowedIPs: \`${a.text}\` is not an IP prefix` });
      }
      // One value spanning every AllowedIPs line; entries are located inside it in order.
      const first = allowed[0]!;
      const last = allowed[allowed.length - 1]!;
      const span = { start: first.valueSpan.start, end: last.valueSpan.end };
      item.props.set('allowed-address', value(entries.map((a) => a.text).join(','), span, first.keySpan, first.lineSpan));
    }
    const ep = byKey.get('endpoint')?.[0];
    if (ep) {
      const { host, port } = splitEndpoint(ep);
      if (!host || !port || !/^\d{1,5}$/.test(port.text) || Number(port.text) > 65535) {
        problems.push({ span: ep.valueSpan, message: 'Endpoint: expected `host:port` (IPv6 as `[address]:port`)' });
      } else {
        item.props.set('endpoint-address', fromEntry(ep, host.text, host.span));
        item.props.set('endpoint-port', fromEntry(ep, port.text, port.span));
      }
    }
    const ka = byKey.get('persistentkeepalive')?.[0];
    if (ka && checkInt(ka, 65535, true)) {
      item.props.set('persistent-keepalive', fromEntry(ka, ka.value.toLowerCase() === 'off' ? '0' : ka.value));
    }
    add('/interface/wireguard/peers', item);
  }

  wgQuickConfigs.add(config);
  problems.sort((a, b) => a.span.start - b.span.start);
  const diagnostics: Diagnostic[] = problems.map((p) => ({
    ruleId: WGQUICK_ERROR,
    severity: 'error',
    message: p.message,
    file,
    range: source.rangeOf(p.span),
  }));
  const parsed: ParseResult = {
    script: { kind: 'script', body: [], comments: parsedConf.comments, start: 0, end: text.length },
    source,
    diagnostics: [],
  };
  return { source, config, parsed, diagnostics, secretSpans: withRepeats(text, secretSpans) };
}
