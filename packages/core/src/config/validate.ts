/**
 * Validates a parsed configuration against CONFIG_SCHEMA. Supports exactly the JSON Schema subset
 * the schema uses, so the published schema and the loader cannot disagree. Each problem names the
 * offending key path (`overrides[0].rules.wireguard/mtu`) and what is wrong with it.
 */
import { CONFIG_SCHEMA, type JsonSchema } from './schema.js';

export interface ConfigProblem {
  /** Dotted key path; `(root)` for the whole document. */
  keyPath: string;
  message: string;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function resolveRef(s: JsonSchema): JsonSchema {
  if (!s.$ref) return s;
  const name = s.$ref.replace('#/definitions/', '');
  return CONFIG_SCHEMA.definitions?.[name] ?? {};
}

function acceptsType(schema: JsonSchema, t: string): boolean {
  const s = resolveRef(schema);
  if (s.anyOf) return s.anyOf.some((alt) => acceptsType(alt, t));
  return s.type === t || (s.type === 'number' && t === 'integer');
}

function join(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

function describe(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function check(value: unknown, schema: JsonSchema, at: string, out: ConfigProblem[]): void {
  const s = resolveRef(schema);
  const where = at || '(root)';
  if (s.anyOf) {
    const attempts = s.anyOf.map((alt) => {
      const errs: ConfigProblem[] = [];
      check(value, alt, at, errs);
      return errs;
    });
    if (attempts.some((e) => e.length === 0)) return;
    // Report the alternative made for the value's type when there is one: its message is the precise one.
    const own = s.anyOf.findIndex((alt) => acceptsType(alt, typeOf(value)));
    if (own >= 0) {
      out.push(...attempts[own]!);
      return;
    }
    out.push({ keyPath: where, message: `${describe(value)} is not allowed here${s.description ? ` (${s.description})` : ''}` });
    return;
  }
  if (s.type) {
    const t = typeOf(value);
    const ok = t === s.type || (s.type === 'number' && t === 'integer');
    if (!ok) {
      out.push({ keyPath: where, message: `must be ${s.type === 'array' || s.type === 'object' || s.type === 'integer' ? 'an' : 'a'} ${s.type}, got ${t}` });
      return;
    }
  }
  if (s.enum && !s.enum.includes(value as string | number)) {
    out.push({ keyPath: where, message: `${describe(value)} must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}` });
    return;
  }
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) out.push({ keyPath: where, message: 'must not be empty' });
    if (s.pattern && !new RegExp(s.pattern).test(value)) out.push({ keyPath: where, message: `${describe(value)} does not match ${s.pattern}` });
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) out.push({ keyPath: where, message: `needs at least ${s.minItems} item(s)` });
    if (s.maxItems !== undefined && value.length > s.maxItems) out.push({ keyPath: where, message: `takes at most ${s.maxItems} item(s)` });
    if (s.items) value.forEach((v, i) => check(v, s.items!, join(at, i), out));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of s.required ?? []) if (!Object.hasOwn(obj, r)) out.push({ keyPath: where, message: `is missing the required key "${r}"` });
    for (const [k, v] of Object.entries(obj)) {
      const keyPath = join(at, k);
      if (s.propertyNames?.pattern && !new RegExp(s.propertyNames.pattern).test(k)) {
        out.push({ keyPath, message: `"${k}" is not a rule id (category/name)` });
        continue;
      }
      const prop = s.properties?.[k];
      if (prop) check(v, prop, keyPath, out);
      else if (s.additionalProperties === false) {
        const known = Object.keys(s.properties ?? {});
        out.push({ keyPath, message: `unknown key "${k}"${known.length ? ` (allowed: ${known.join(', ')})` : ''}` });
      } else if (typeof s.additionalProperties === 'object') check(v, s.additionalProperties, keyPath, out);
    }
  }
}

export function validateConfig(value: unknown): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  check(value, CONFIG_SCHEMA, '', out);
  return out;
}
