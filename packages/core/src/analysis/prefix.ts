/**
 * IPv4/IPv6 addresses and prefixes as integer bounds.
 *
 * Parsing is validated with ip-num; everything after that works on bigint bounds so that
 * containment/overlap checks are cheap and never re-parse text. `sortAndSweep` finds every
 * overlapping pair of a set of ranges in O(n log n + k) (k = pairs reported), never pairwise.
 */
import { Validator } from 'ip-num';

export type IpFamily = 4 | 6;

/** An integer address range (inclusive bounds) of one family. */
export interface Bounds {
  family: IpFamily;
  first: bigint;
  last: bigint;
}

export interface Prefix extends Bounds {
  /** The prefix as written (after stripping `%scope`). */
  text: string;
  /** The address part as written, as an integer (host bits possibly set). */
  address: bigint;
  /** Prefix length; 32/128 when no `/len` was written. */
  length: number;
  /** A `/len` was written (`10.0.0.1` alone means /32). */
  explicitLength: boolean;
  /** The address has bits set below the prefix length (`10.1.101.1/24`). */
  hasHostBits: boolean;
  /** Canonical form: network address, compressed IPv6 (RFC 5952), always with `/len`. */
  canonical: string;
  /** `%scope` suffix when one was written (`fe80::1%ether1`), without the `%`. */
  scope?: string;
}

export type PrefixParseResult = { ok: true; prefix: Prefix } | { ok: false; reason: string };

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };

// Host-bit masks per family and prefix length, computed once (bigint arithmetic allocates).
const HOST_MASKS: Record<IpFamily, bigint[]> = {
  4: Array.from({ length: 33 }, (_, len) => (1n << BigInt(32 - len)) - 1n),
  6: Array.from({ length: 129 }, (_, len) => (1n << BigInt(128 - len)) - 1n),
};

/** Parse a bare address (no `/len`); `%scope` is stripped. Undefined when invalid. */
export function parseAddress(text: string): { family: IpFamily; value: bigint; scope?: string } | undefined {
  // Fast path: an exact dotted quad is what the general path below would accept unchanged.
  const v4 = dottedQuadAt(text, 0, text.length);
  if (v4 >= 0) return { family: 4, value: BigInt(v4) };
  try {
    let t = text.trim();
    let scope: string | undefined;
    const pct = t.indexOf('%');
    if (pct >= 0) {
      scope = t.slice(pct + 1);
      t = t.slice(0, pct);
    }
    if (t === '') return undefined;
    if (t.includes(':')) {
      // The value is computed here (IPv6.fromString is ~10 µs per call, too slow for exports with
      // tens of thousands of prefixes). Without an embedded IPv4 tail, `ipv6Value` accepts exactly
      // hex groups of 1–4 digits, eight of them or at most seven around one `::` — all of which
      // ip-num accepts (prefix-perf-equivalence tests it) — so ip-num's ~5 µs check is only needed
      // for the dotted forms.
      const value = ipv6Value(t);
      if (value === undefined) return undefined;
      if (t.includes('.') && !Validator.isValidIPv6String(t)[0]) return undefined;
      return { family: 6, value, ...(scope !== undefined ? { scope } : {}) };
    }
    // Dotted quad, four decimal octets without leading zeros, as RouterOS prints them.
    const value = ipv4Value(t);
    if (value === undefined) return undefined;
    return { family: 4, value: BigInt(value), ...(scope !== undefined ? { scope } : {}) };
  } catch {
    return undefined;
  }
}

function ipv4Value(t: string): number | undefined {
  const v = dottedQuadAt(t, 0, t.length);
  return v >= 0 ? v : undefined;
}

/**
 * The value of `s[start, end)` when it is exactly a dotted quad of four decimal octets ≤ 255
 * without leading zeros (`0` alone is fine), as RouterOS prints addresses; −1 for anything else.
 * A hand-written scan: this runs for every address of an export (hundreds of thousands in
 * address lists), where a regular expression plus four `Number()` calls dominated.
 */
function dottedQuadAt(s: string, start: number, end: number): number {
  let value = 0;
  let i = start;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (i >= end || s.charCodeAt(i) !== 46 /* . */) return -1;
      i++;
    }
    if (i >= end) return -1;
    let c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    let o = c;
    i++;
    // A leading `0` is a whole octet; otherwise up to two more digits.
    if (o !== 0) {
      for (let k = 0; k < 2 && i < end; k++) {
        c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        o = o * 10 + c;
        i++;
      }
      if (o > 255) return -1;
    }
    value = value * 256 + o;
  }
  return i === end ? value : -1;
}

/** Value of an already-validated IPv6 text (`::` compression, embedded IPv4 tail). */
function ipv6Value(t: string): bigint | undefined {
  let groups: number[] = [];
  const parseSide = (side: string): number[] | undefined => {
    if (side === '') return [];
    const out: number[] = [];
    const parts = side.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = ipv4Value(part);
        if (v4 === undefined) return undefined;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
        out.push(parseInt(part, 16));
      }
    }
    return out;
  };
  const dc = t.indexOf('::');
  if (dc >= 0) {
    const head = parseSide(t.slice(0, dc));
    const tail = parseSide(t.slice(dc + 2));
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseSide(t);
    if (!all || all.length !== 8) return undefined;
    groups = all;
  }
  let hex = '0x';
  for (const g of groups) hex += g.toString(16).padStart(4, '0');
  return BigInt(hex);
}

/** Parse `addr[/len][%scope]` (RouterOS also writes `addr%scope/len`). Never throws. */
export function parsePrefixDetailed(text: string): PrefixParseResult {
  const fast = ipv4PrefixFast(text) ?? ipv6PrefixFast(text);
  if (fast !== undefined) return { ok: true, prefix: fast };
  const raw = text.trim();
  if (raw === '') return { ok: false, reason: 'empty' };
  let addrPart = raw;
  let lenPart: string | undefined;
  const slash = raw.indexOf('/');
  if (slash >= 0) {
    addrPart = raw.slice(0, slash);
    lenPart = raw.slice(slash + 1);
  }
  let scope: string | undefined;
  // The scope may follow the address or the length: `fe80::1%ether1/64`, `fe80::/64%ether1`.
  if (lenPart !== undefined && lenPart.includes('%')) {
    scope = lenPart.slice(lenPart.indexOf('%') + 1);
    lenPart = lenPart.slice(0, lenPart.indexOf('%'));
  }
  const addr = parseAddress(addrPart);
  if (!addr) return { ok: false, reason: `\`${addrPart}\` is not an IPv4 or IPv6 address` };
  scope = scope ?? addr.scope;
  const bits = BITS[addr.family];
  let length = bits;
  if (lenPart !== undefined) {
    if (!/^\d{1,3}$/.test(lenPart)) return { ok: false, reason: `\`/${lenPart}\` is not a prefix length` };
    length = Number(lenPart);
    if (length > bits) return { ok: false, reason: `/${length} is longer than ${bits} bits` };
  }
  const mask = HOST_MASKS[addr.family][length]!;
  const hostBits = addr.value & mask;
  const first = hostBits === 0n ? addr.value : addr.value - hostBits;
  const last = first | mask;
  const prefix: Prefix = {
    family: addr.family,
    first,
    last,
    text: scope !== undefined ? raw.replace(`%${scope}`, '') : raw,
    address: addr.value,
    length,
    explicitLength: lenPart !== undefined,
    hasHostBits: hostBits !== 0n,
    canonical: `${formatAddress(addr.family, first)}/${length}`,
  };
  if (scope !== undefined) prefix.scope = scope;
  return { ok: true, prefix };
}

/** Parse a prefix, or undefined when it is not one. */
export function parsePrefix(text: string): Prefix | undefined {
  const fast = ipv4PrefixFast(text) ?? ipv6PrefixFast(text);
  if (fast !== undefined) return fast;
  const r = parsePrefixDetailed(text);
  return r.ok ? r.prefix : undefined;
}

/**
 * Where `text` is a plain IPv4 prefix as RouterOS prints it — a dotted quad (see `dottedQuadAt`),
 * optionally `/` and one to three digits ≤ 32, nothing else (no spaces, no scope) — its address,
 * length and the index of the `/` (−1 without one). Undefined for any other text, valid or not:
 * callers then take the general path, which gives the same answer for this subset.
 */
function scanIpv4Prefix(text: string): { address: number; length: number; slash: number } | undefined {
  const slash = text.indexOf('/');
  const addressEnd = slash >= 0 ? slash : text.length;
  const address = dottedQuadAt(text, 0, addressEnd);
  if (address < 0) return undefined;
  if (slash < 0) return { address, length: 32, slash };
  const digits = text.length - slash - 1;
  if (digits < 1 || digits > 3) return undefined;
  let length = 0;
  for (let i = slash + 1; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    length = length * 10 + c;
  }
  return length <= 32 ? { address, length, slash } : undefined;
}

/** `2^(32 − len)` per length: the size of an IPv4 prefix, in plain numbers (exact below 2^53). */
const IPV4_SIZES = Array.from({ length: 33 }, (_, len) => 2 ** (32 - len));

/**
 * First and last address, as plain numbers, of a plain IPv4 prefix (see `scanIpv4Prefix`);
 * undefined means "use parsePrefix". For callers that keep many ranges without an object each.
 */
export function ipv4PrefixNumbers(text: string): { first: number; last: number } | undefined {
  const p = scanIpv4Prefix(text);
  if (p === undefined) return undefined;
  const size = IPV4_SIZES[p.length]!;
  const first = p.address - (p.address % size);
  return { first, last: first + size - 1 };
}

/** Integer bounds of a plain IPv4 prefix (see `scanIpv4Prefix`); undefined means "use parsePrefix". */
export function ipv4PrefixBounds(text: string): Bounds | undefined {
  const n = ipv4PrefixNumbers(text);
  return n === undefined ? undefined : { family: 4, first: BigInt(n.first), last: BigInt(n.last) };
}

/**
 * `parsePrefixDetailed` for a plain IPv4 prefix, computed on numbers; undefined for other text.
 * The canonical form reuses the written address when it is the network address: a dotted quad
 * that passed `dottedQuadAt` is already in canonical form.
 */
function ipv4PrefixFast(text: string): Prefix | undefined {
  const p = scanIpv4Prefix(text);
  if (p === undefined) return undefined;
  const size = IPV4_SIZES[p.length]!;
  const host = p.address % size;
  const firstNumber = p.address - host;
  const address = BigInt(p.address);
  const first = host === 0 ? address : BigInt(firstNumber);
  const network = host === 0 ? (p.slash >= 0 ? text.slice(0, p.slash) : text) : formatIpv4(firstNumber);
  return {
    family: 4,
    first,
    last: BigInt(firstNumber + size - 1),
    text,
    address,
    length: p.length,
    explicitLength: p.slash >= 0,
    hasHostBits: host !== 0,
    canonical: `${network}/${p.length}`,
  };
}

/**
 * The eight groups of `s[start, end)` when it is plain IPv6 text — one to four hex digits a group,
 * eight groups or at most seven around one `::`, nothing else (no IPv4 tail, scope or space) —
 * else undefined. Exactly the texts `ipv6Value` accepts without a `.`; a hand-written scan, as
 * splitting and a regular expression per group cost microseconds per address.
 */
function ipv6GroupsAt(s: string, start: number, end: number): number[] | undefined {
  const head: number[] = [];
  let tail: number[] | undefined; // after the `::`
  let i = start;
  if (i + 1 < end && s.charCodeAt(i) === 58 /* : */ && s.charCodeAt(i + 1) === 58) {
    tail = [];
    i += 2;
  }
  while (i < end) {
    let group = 0;
    const groupStart = i;
    for (; i < end && i - groupStart < 5; i++) {
      const c = s.charCodeAt(i);
      const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (digit < 0) break;
      group = group * 16 + digit;
    }
    if (i === groupStart || i - groupStart > 4) return undefined;
    (tail ?? head).push(group);
    if (i === end) break;
    if (s.charCodeAt(i) !== 58) return undefined;
    i++;
    if (i < end && s.charCodeAt(i) === 58) {
      if (tail !== undefined) return undefined;
      tail = [];
      i++;
    } else if (i === end) {
      return undefined; // a single trailing `:`
    }
  }
  if (tail === undefined) return head.length === 8 ? head : undefined;
  if (head.length + tail.length > 7) return undefined;
  while (head.length + tail.length < 8) head.push(0);
  return head.concat(tail);
}

/** 128-bit value of eight 16-bit groups (three exact number chunks: 48 + 48 + 32 bits). */
function ipv6GroupsValue(g: readonly number[]): bigint {
  const high = (g[0]! * 0x10000 + g[1]!) * 0x10000 + g[2]!;
  const middle = (g[3]! * 0x10000 + g[4]!) * 0x10000 + g[5]!;
  const low = g[6]! * 0x10000 + g[7]!;
  return (BigInt(high) << 80n) | (BigInt(middle) << 32n) | BigInt(low);
}

/**
 * `parsePrefixDetailed` for a plain IPv6 prefix (see `ipv6GroupsAt`, then optionally `/` and one
 * to three digits ≤ 128), computed from the groups: the canonical text is formatted from them
 * rather than from the bigint. Undefined for any other text; the general path answers it alike.
 */
function ipv6PrefixFast(text: string): Prefix | undefined {
  const slash = text.indexOf('/');
  const groups = ipv6GroupsAt(text, 0, slash >= 0 ? slash : text.length);
  if (groups === undefined) return undefined;
  let length = 128;
  if (slash >= 0) {
    const digits = text.length - slash - 1;
    if (digits < 1 || digits > 3) return undefined;
    length = 0;
    for (let i = slash + 1; i < text.length; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      length = length * 10 + c;
    }
    if (length > 128) return undefined;
  }
  // The network's groups: each keeps its first (length − 16k) bits.
  const network: number[] = [];
  let hasHostBits = false;
  for (let k = 0; k < 8; k++) {
    const kept = Math.min(16, Math.max(0, length - 16 * k));
    const g = groups[k]!;
    const n = g & (0xffff ^ ((1 << (16 - kept)) - 1));
    if (n !== g) hasHostBits = true;
    network.push(n);
  }
  const address = ipv6GroupsValue(groups);
  const first = hasHostBits ? ipv6GroupsValue(network) : address;
  return {
    family: 6,
    first,
    last: first | HOST_MASKS[6][length]!,
    text,
    address,
    length,
    explicitLength: slash >= 0,
    hasHostBits,
    canonical: `${formatIpv6Groups(network)}/${length}`,
  };
}

function formatIpv4(value: number): string {
  return `${Math.floor(value / 0x1000000)}.${Math.floor(value / 0x10000) % 256}.${Math.floor(value / 0x100) % 256}.${value % 256}`;
}

/** Format an integer address: dotted quad, or RFC 5952 compressed lower-case IPv6. */
export function formatAddress(family: IpFamily, value: bigint): string {
  if (family === 4) {
    // Masked to 32 bits as the shifts did; one conversion, then plain number arithmetic.
    return formatIpv4(Number(value & 0xffffffffn));
  }
  // One hex conversion instead of eight bigint shifts (each would allocate).
  const hex32 = value.toString(16).padStart(32, '0');
  const groups: number[] = [];
  for (let i = 0; i < 32; i += 4) groups.push(parseInt(hex32.slice(i, i + 4), 16));
  return formatIpv6Groups(groups);
}

/** Eight 16-bit groups as RFC 5952 compressed lower-case IPv6. */
function formatIpv6Groups(groups: readonly number[]): string {
  // Longest run (≥ 2) of zero groups becomes `::`; the first such run wins a tie.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  if (bestLen < 2) bestStart = 8;
  // Appended group by group: mapping, slicing and joining arrays cost more than the scan above
  // on exports with tens of thousands of IPv6 allowed-addresses.
  let out = '';
  for (let i = 0; i < bestStart; i++) out += i === 0 ? groups[i]!.toString(16) : `:${groups[i]!.toString(16)}`;
  if (bestStart === 8) return out;
  out += '::';
  for (let i = bestStart + bestLen; i < 8; i++) out += i === bestStart + bestLen ? groups[i]!.toString(16) : `:${groups[i]!.toString(16)}`;
  return out;
}

/** `a` contains `b` (equal counts as containing). */
export function contains(a: Bounds, b: Bounds): boolean {
  return a.family === b.family && a.first <= b.first && b.last <= a.last;
}

/** `a` and `b` share at least one address. */
export function overlaps(a: Bounds, b: Bounds): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** Same family and same bounds (for prefixes: same network and length). */
export function sameBounds(a: Bounds, b: Bounds): boolean {
  return a.family === b.family && a.first === b.first && a.last === b.last;
}

/** Does `prefix` contain the single address `value`? */
export function containsAddress(prefix: Bounds, family: IpFamily, value: bigint): boolean {
  return prefix.family === family && prefix.first <= value && value <= prefix.last;
}

/** Stable key for maps: same key ⇔ same bounds. */
export function boundsKey(b: Bounds): string {
  return `${b.family}:${b.first.toString(16)}:${b.last.toString(16)}`;
}

/** Order: family, then first ascending, then last descending (so a container precedes its contents). */
export function compareBounds(a: Bounds, b: Bounds): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.first !== b.first) return a.first < b.first ? -1 : 1;
  if (a.last !== b.last) return a.last > b.last ? -1 : 1;
  return 0;
}

/**
 * Report every overlapping pair of `items` by sorting once and sweeping.
 *
 * `onOverlap(outer, inner)` is called once per overlapping pair, with `outer` sorted first
 * (lower start, or same start and larger end): for prefixes, which are either nested or disjoint,
 * `outer` therefore contains `inner` (or the two are identical). Cost O(n log n + k).
 */
export function sortAndSweep<T>(
  items: readonly T[],
  boundsOf: (item: T) => Bounds,
  onOverlap: (outer: T, inner: T) => void,
): void {
  const entries = items.map((item) => ({ item, b: boundsOf(item) }));
  entries.sort((x, y) => compareBounds(x.b, y.b));
  // Active ranges: every entry still open at the current start. Entries that ended are dropped
  // as we go; all survivors overlap the current one, so the scan cost is paid by reported pairs.
  let active: typeof entries = [];
  let family: IpFamily | undefined;
  for (const cur of entries) {
    if (cur.b.family !== family) {
      active = [];
      family = cur.b.family;
    }
    if (active.length > 0) {
      const still: typeof entries = [];
      for (const a of active) if (a.b.last >= cur.b.first) still.push(a);
      active = still;
      for (const a of active) onOverlap(a.item, cur.item);
    }
    active.push(cur);
  }
}
