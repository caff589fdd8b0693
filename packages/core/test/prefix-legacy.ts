/**
 * The address parsers as they were before the IPv4 fast paths (roslint 260fa47), kept verbatim as
 * the reference the perf-equivalence tests compare the current parsers against. Not used by code.
 */
import { Validator } from 'ip-num';

type IpFamily = 4 | 6;

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
      // ip-num validates the IPv6 grammar; the value is computed here (IPv6.fromString is ~10 µs
      // per call, too slow for exports with tens of thousands of prefixes).
      if (!Validator.isValidIPv6String(t)[0]) return undefined;
      const value = ipv6Value(t);
      if (value === undefined) return undefined;
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

const IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

function ipv4Value(t: string): number | undefined {
  const m = IPV4.exec(t);
  if (!m) return undefined;
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    v = v * 256 + o;
  }
  return v;
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
  const r = parsePrefixDetailed(text);
  return r.ok ? r.prefix : undefined;
}

/** Format an integer address: dotted quad, or RFC 5952 compressed lower-case IPv6. */
export function formatAddress(family: IpFamily, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => ((value >> s) & 0xffn).toString()).join('.');
  }
  // One hex conversion instead of eight bigint shifts (each would allocate).
  const hex32 = value.toString(16).padStart(32, '0');
  const groups: number[] = [];
  for (let i = 0; i < 32; i += 4) groups.push(parseInt(hex32.slice(i, i + 4), 16));
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
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** `10.0.0.0/8`, `10.0.0.1`, `10.0.0.1-10.0.0.9` → bounds (firewall/address-lists.ts). */
export function parseAddressOrRange(text: string, family: IpFamily): Bounds | undefined {
  const dash = text.indexOf('-');
  if (dash > 0 && !text.includes('/')) {
    const a = parseAddress(text.slice(0, dash));
    const b = parseAddress(text.slice(dash + 1));
    if (!a || !b || a.family !== family || b.family !== family || a.value > b.value) return undefined;
    return { family, first: a.value, last: b.value };
  }
  const p = parsePrefix(text);
  if (!p || p.family !== family) return undefined;
  return { family, first: p.first, last: p.last };
}
