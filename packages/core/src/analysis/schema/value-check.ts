/**
 * Value checks by kind. Each returns a problem description, or undefined when the value is fine
 * or cannot be judged. Only clear-cut cases are problems: a word where a number or time must be
 * is left alone unless the set of words is known to be closed.
 */
import type { ArgInfo, ValueKind } from '@roslint/schema';

const UNIT_SECONDS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6, ns: 1e-9 };

/** RouterOS time value → seconds: `1w2d3h4m5s`, `200ms`, `1.5s`, `25` (seconds), `00:00:25`, `1d01:00:00`. */
export function parseTimeValue(text: string): number | undefined {
  let m = /^(?:(\d+)d)?(\d+):(\d{1,2}):(\d{1,2})(?:\.(\d+))?$/.exec(text);
  if (m) return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) + Number(`0.${m[5] ?? 0}`);
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  let total = 0;
  let rest = text;
  if (rest === '') return undefined;
  while (rest.length > 0) {
    m = /^(\d+(?:\.\d+)?)(ms|us|ns|w|d|h|m|s)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** Old unit words (`1day`, `2hours`): UNVERIFIED on RouterOS 7, so never judged. */
const UNIT_WORDS = /^\d+(\.\d+)?(days?|hours?|mins?|minutes?|secs?|seconds?|weeks?)$/i;

function formatSeconds(s: number): string {
  const parts: string[] = [];
  let rest = Math.round(s * 1000) / 1000;
  for (const [u, n] of [['w', 604800], ['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (rest >= n) { parts.push(`${Math.floor(rest / n)}${u}`); rest -= Math.floor(rest / n) * n; rest = Math.round(rest * 1000) / 1000; }
  }
  if (rest > 0 || parts.length === 0) parts.push(rest >= 1 || rest === 0 ? `${rest}s` : `${Math.round(rest * 1000)}ms`);
  return parts.join('');
}

/** `1m-3m` (`/ipv6 nd ra-interval`) and `1d12h..2d` (wifi `reselect-interval`): a min and a max time. */
const TIME_RANGE = /^(.+?)(?:\.\.|-)(.+)$/;

function checkTime(value: string, kind: ValueKind): string | undefined {
  if (!/^\d/.test(value) || UNIT_WORDS.test(value)) return undefined; // words: `none`, `auto`, … or old units
  const range = parseTimeValue(value) === undefined ? TIME_RANGE.exec(value) : null;
  if (range) {
    const low = parseTimeValue(range[1]!);
    const high = parseTimeValue(range[2]!);
    if (low !== undefined && high !== undefined) return checkTime(range[1]!, kind) ?? checkTime(range[2]!, kind);
  }
  const s = parseTimeValue(value);
  if (s === undefined) return `\`${value}\` is not a time interval (e.g. \`30s\`, \`1m\`, \`00:00:25\`)`;
  if ((kind.min !== undefined && s < kind.min - 1e-9) || (kind.max !== undefined && s > kind.max + 1e-9)) {
    const range = `${kind.min !== undefined ? formatSeconds(kind.min) : ''}..${kind.max !== undefined ? formatSeconds(kind.max) : ''}`;
    return `\`${value}\` is outside the accepted range ${range}`;
  }
  return undefined;
}

function parseInteger(text: string): number | undefined {
  if (/^-?\d+$/.test(text)) return Number(text);
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  return undefined;
}

function checkNumber(value: string, kind: ValueKind): string | undefined {
  if (kind.special?.includes(value)) return undefined;
  // A word: maybe accepted (cannot tell), unless the kind is known to take numbers only.
  if (!/^-?\d/.test(value)) return kind.strict ? `\`${value}\` is not a number${kind.special ? ` or ${kind.special.map((w) => `\`${w}\``).join(', ')}` : ''}` : undefined;
  const n = parseInteger(value);
  if (n === undefined) return `\`${value}\` is not a number`;
  if ((kind.min !== undefined && n < kind.min) || (kind.max !== undefined && n > kind.max)) {
    return `\`${value}\` is outside the accepted range ${kind.min ?? ''}..${kind.max ?? ''}`;
  }
  return undefined;
}

/** Arguments that hold UDP/TCP port numbers (lists and ranges allowed: `80,443,8000-8080`). */
const PORT_ARGS = new Set(['port', 'ports', 'listen-port', 'endpoint-port', 'client-listen-port', 'dst-port', 'src-port', 'to-ports']);

function checkPorts(value: string): string | undefined {
  for (const part of value.replace(/^!/, '').split(/[,-]/)) {
    if (/^\d+$/.test(part) && Number(part) > 65535) return `port \`${part}\` is outside 0–65535`;
  }
  return undefined;
}

function checkClosed(value: string, info: ArgInfo): string | undefined {
  const values = info.values ?? [];
  if (info.kind?.kind === 'yes-no') {
    if (['yes', 'no', 'true', 'false'].includes(value)) return undefined;
    return `\`${value}\` is not \`yes\` or \`no\``;
  }
  const elements = info.kind?.kind === 'enum-list' ? value.split(',') : [value];
  for (const e of elements) {
    const v = e.replace(/^!/, '');
    if (v !== '' && !values.includes(v)) {
      const list = values.length <= 8 ? values.map((x) => `\`${x}\``).join(', ') : `${values.slice(0, 8).map((x) => `\`${x}\``).join(', ')}, …`;
      return `\`${v}\` is not one of ${list}`;
    }
  }
  return undefined;
}

/**
 * Can `valueProblem` find anything wrong with some value of `info`? False when every value passes
 * (strings, addresses, open completion lists), so callers can skip those arguments altogether.
 */
export function mayRejectValue(info: ArgInfo): boolean {
  return info.closed || PORT_ARGS.has(info.arg) || info.kind?.kind === 'time' || info.kind?.kind === 'number';
}

/** The problem with a static `value` of the argument `info`, or undefined (see also `mayRejectValue`). */
export function valueProblem(value: string, info: ArgInfo): string | undefined {
  if (value === '') return undefined; // `name=` clears the property
  if (info.closed) return checkClosed(value, info);
  if (PORT_ARGS.has(info.arg)) {
    const p = checkPorts(value);
    if (p !== undefined) return p;
  }
  if (info.values?.includes(value)) return undefined;
  if (info.kind?.kind === 'time') return checkTime(value, info.kind);
  if (info.kind?.kind === 'number') return checkNumber(value, info.kind);
  return undefined;
}
