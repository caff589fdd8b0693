/**
 * Secret values (`private-key`, `preshared-key`) and their redaction.
 *
 * The linter computes the spans once per file; every front end must show `<redacted>` in their
 * place (code frames) and the linter itself scrubs diagnostics (messages, fixes) before returning
 * them, so a rule that quotes a value by mistake cannot leak a key.
 */
import type { Diagnostic, Script, Span } from '@roslint/parser';
import { forEachNode, type AnyNode } from '@roslint/parser';

export const REDACTED = '<redacted>';

/** Argument names whose values are secrets. */
const SECRET_NAME = /(?:^|[.-])(?:private|preshared)-key$/;
/** Values of those arguments that are keywords, not secrets. */
const NON_SECRET_VALUES = new Set(['', 'auto', 'none']);

function unquote(raw: string): string {
  let t = raw;
  if (t.startsWith('\\"') && t.endsWith('\\"') && t.length >= 4) t = t.slice(2, -2);
  else if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) t = t.slice(1, -1);
  return t;
}

/** A bare variable reference (`$pk`) names a secret but is not one. */
const VARIABLE_ONLY = /^\$(?:[A-Za-z0-9_-]+|"[^"]*")$/;

function isSecretValueText(raw: string): boolean {
  return !NON_SECRET_VALUES.has(unquote(raw).trim()) && !VARIABLE_ONLY.test(raw);
}

function isSpan(v: unknown): v is Span {
  return v !== null && typeof v === 'object' && typeof (v as Span).start === 'number' && typeof (v as Span).end === 'number';
}

/** Script commands that give a variable its value: `:local pk "…"`, `:global pk "…"`, `:set pk "…"`. */
const ASSIGNING = new Set(['local', 'global', 'set']);

/** The variable a `:local`/`:global`/`:set` statement assigns and the value node it assigns, if any. */
function assignment(n: AnyNode): { name: string; value: unknown } | undefined {
  if (n.kind !== 'command' || n.colon !== true) return undefined;
  const command = n.command as AnyNode | null;
  if (!command || typeof command.name !== 'string' || !ASSIGNING.has(command.name)) return undefined;
  const args = n.args as AnyNode[];
  const target = args[0];
  if (!target || target.kind !== 'positional') return undefined;
  const t = target.value as AnyNode;
  const name = t.kind === 'word' ? t.text : t.kind === 'variable' ? t.name : undefined;
  if (typeof name !== 'string') return undefined;
  const rest = args[1];
  if (!rest) return undefined;
  if (rest.kind === 'positional') return { name, value: rest.value };
  if (rest.kind === 'named' && rest.name === 'value') return { name, value: rest.value };
  return undefined;
}

/**
 * A node visitor (for `forEachNode`) that collects secret value spans found in the AST into `out`:
 * `private-key=…` args, `private-key="…"` in `where`, and the values assigned to a variable that
 * a secret argument reads (`:local pk "…"` … `private-key=$pk`, in either order; scopes are not
 * told apart, so every assignment to that name counts). A visitor rather than a walk so the linter
 * can scan each statement while it streams past, in the same walk as other per-node work.
 */
export function secretNodeVisitor(text: string, out: Span[]): (n: AnyNode) => void {
  const add = (value: unknown): void => {
    if (!isSpan(value)) return;
    if (value.end <= value.start) return;
    if (!isSecretValueText(text.slice(value.start, value.end))) return;
    out.push({ start: value.start, end: value.end });
  };
  /** Names of variables a secret argument reads. */
  const secretVariables = new Set<string>();
  /** Values assigned to other variables so far, in case a later secret argument reads one. */
  const assigned = new Map<string, Span[]>();
  const readBySecret = (name: string): void => {
    secretVariables.add(name);
    for (const span of assigned.get(name) ?? []) add(span);
    assigned.delete(name);
  };
  const onSecretValue = (value: unknown): void => {
    if (isSpan(value) && (value as unknown as AnyNode).kind === 'variable') {
      // `private-key=$pk`: the name is not a secret, but what `pk` is set to is.
      const name = (value as unknown as AnyNode).name;
      if (typeof name === 'string') readBySecret(name);
    } else add(value);
  };
  return (n) => {
    // endsWith first: nearly every argument of an export is not a key, and this runs on each one.
    if (n.kind === 'named' && typeof n.name === 'string' && n.name.endsWith('-key') && SECRET_NAME.test(n.name)) onSecretValue(n.value);
    else if (n.kind === 'binary' && (n.operator === '=' || n.operator === '~' || n.operator === '!=')) {
      const left = n.left as AnyNode | undefined;
      if (left && left.kind === 'word' && typeof left.text === 'string' && SECRET_NAME.test(left.text)) onSecretValue(n.right);
    } else if (n.kind === 'command') {
      const a = assignment(n);
      if (a === undefined || !isSpan(a.value)) return;
      if (secretVariables.has(a.name)) add(a.value);
      else {
        const spans = assigned.get(a.name);
        const span = { start: a.value.start, end: a.value.end };
        if (spans) spans.push(span);
        else assigned.set(a.name, [span]);
      }
    }
  };
}

const LEXICAL = /(?:private|preshared)-key=/g;
const VALUE_STOP = /[\s;"\]})]/;

/** An unquoted value run already scanned: no stop character in [from, end). */
interface UnquotedRun {
  from: number;
  end: number;
}

/**
 * The end of a secret value starting at `i` (after `=`), lexically; returns [start, end).
 * `run` lets a later match inside the same unquoted run resume where the last scan stopped, so
 * `private-key=private-key=…` stays linear.
 */
function scanValue(text: string, i: number, run?: UnquotedRun): [number, number, UnquotedRun?] {
  // An export may wrap right after `name=`: `private-key=\` + newline + indentation.
  const wrap = /^\\(?:\r\n|\r|\n)[ \t]*/.exec(text.slice(i, i + 64));
  if (wrap) i += wrap[0].length;
  const start = i;
  const limit = Math.min(text.length, i + 4096);
  if (text.startsWith('\\"', i)) {
    // Inside an outer string (`source="… private-key=\"…\" …"`).
    const close = text.indexOf('\\"', i + 2);
    return [start, close < 0 || close > limit ? limit : close + 2];
  }
  if (text[i] === '"') {
    let j = i + 1;
    while (j < limit) {
      const c = text[j];
      if (c === '\\') j += 2;
      else if (c === '"') return [start, j + 1];
      else j++;
    }
    return [start, Math.min(j, text.length)];
  }
  // Characters of a run scanned before are known not to stop the value.
  let j = run && run.from <= i && i < run.end ? run.end : i;
  while (j < limit && !VALUE_STOP.test(text[j]!)) {
    if (text[j] === '\\' && /[\r\n]/.test(text[j + 1] ?? '')) break;
    j++;
  }
  return [start, j, { from: start, end: j }];
}

/**
 * Lexical safety net over the whole text: catches keys in statements that failed to parse, in
 * comments, and in strings whose embedded script the parser did not expand. Matches may overlap
 * (a broken string can swallow a later `private-key=` on its line), so each match is scanned.
 */
function lexicalSecretSpans(text: string): Span[] {
  const out: Span[] = [];
  let run: UnquotedRun | undefined;
  LEXICAL.lastIndex = 0;
  for (let m = LEXICAL.exec(text); m !== null; m = LEXICAL.exec(text)) {
    const [start, end, next] = scanValue(text, m.index + m[0].length, run);
    if (next) run = next;
    // Keywords and variable names are short; a long value is a secret without copying it.
    if (end > start && (end - start > 64 || isSecretValueText(text.slice(start, end)))) out.push({ start, end });
  }
  return out;
}

/**
 * WireGuard INI text (`wg-import config-string=…`, `:put` of a client config, a wg-quick file's
 * comments or stray lines): `PrivateKey = …`, keys case-insensitive as wg-quick reads them.
 */
const INI_KEY = /(?:private|preshared)key[ \t]*=[ \t]*(?:\\?")?([A-Za-z0-9+/]{8,}={0,2})/gi;

export function iniSecretSpans(text: string): Span[] {
  const out: Span[] = [];
  INI_KEY.lastIndex = 0;
  for (let m = INI_KEY.exec(text); m !== null; m = INI_KEY.exec(text)) {
    const start = m.index + m[0].length - m[1]!.length;
    out.push({ start, end: start + m[1]!.length });
  }
  return out;
}

/** Values shorter than this are looked for one indexOf walk each (secrets are long; these are rare). */
const WINDOW = 8;
/** With this many values or fewer, an indexOf walk per value beats hashing every position. */
const FEW_VALUES = 4;
const SHORT_VALUES = 256;
/**
 * Values at least this long (keys are 44 characters, 46 quoted) are found by sampling the text
 * every `length - WINDOW + 1` characters instead of hashing every position (see `SampledSearch`).
 */
const SAMPLED_MIN = 24;

/**
 * Every occurrence in `text` of each of `values` (a value known to be a secret anywhere — this
 * file or another of the network — is a secret wherever it appears). Many values (a network of
 * 1,000 routers has thousands of keys) are found in one pass over the text (`SampledSearch`,
 * `RollingSearch`); a few, with an indexOf walk each. Like an indexOf walk, occurrences of one
 * value do not overlap (a run of `AAAA…` must not give a span per character).
 */
export function occurrenceSpans(text: string, values: Iterable<string>): Span[] {
  return searchFor(values).spans(text);
}

/**
 * The search for one set of values, prepared once: a network's secret set is searched for in every
 * file and every diagnostic text, and preparing it (hash tables of the values) per text cost
 * more than the search itself. Memoised by the identity of the values array (callers never change
 * an array of secret values once made).
 */
class SecretSearch {
  /** Values looked for with an indexOf walk each. */
  private readonly walked: string[];
  private readonly rolling: RollingSearch | undefined;
  private readonly sampled: SampledSearch | undefined;
  /** Every value is searched for (none empty, not too many short ones): no hit means none occurs. */
  readonly complete: boolean;

  constructor(values: Iterable<string>) {
    const all = [...new Set(values)];
    const distinct = all.filter((v) => v.length > 0);
    // An adversarial file could hold very many short "secrets"; past a bound they are not searched
    // (each is still redacted where it was found as a secret).
    const short = distinct.filter((v) => v.length < WINDOW);
    this.complete = distinct.length === all.length && short.length <= SHORT_VALUES;
    this.walked = short.slice(0, SHORT_VALUES);
    let long = distinct.filter((v) => v.length >= SAMPLED_MIN);
    let medium = distinct.filter((v) => v.length >= WINDOW && v.length < SAMPLED_MIN);
    if (long.length + medium.length <= FEW_VALUES) {
      this.walked.push(...medium, ...long);
      long = medium = [];
    }
    if (medium.length > FEW_VALUES) this.rolling = new RollingSearch(medium);
    else this.walked.push(...medium);
    if (long.length > 0) this.sampled = new SampledSearch(long);
  }

  spans(text: string): Span[] {
    const out: Span[] = [];
    for (const v of this.walked) {
      for (let i = text.indexOf(v); i >= 0; i = text.indexOf(v, i + v.length)) out.push({ start: i, end: i + v.length });
    }
    this.rolling?.search(text, out);
    this.sampled?.search(text, out);
    return out;
  }
}

/**
 * Values of at least `WINDOW` characters: a rolling hash of the text's windows at every position
 * is looked up among the values' first windows, and a hit is confirmed with startsWith.
 */
class RollingSearch {
  private readonly byHash = new Map<number, string[]>();
  /** The hashes' low bits: most positions are answered without a Map look-up. */
  private readonly maybe = new Uint8Array(65536);

  constructor(values: readonly string[]) {
    for (const v of values) {
      const h = windowHash(v, 0);
      this.maybe[h & 0xffff] = 1;
      const list = this.byHash.get(h);
      if (list) list.push(v);
      else this.byHash.set(h, [v]);
    }
  }

  search(text: string, out: Span[]): void {
    const n = text.length;
    if (n < WINDOW) return;
    const { byHash, maybe } = this;
    const nextFree = new Map<string, number>();
    let h = windowHash(text, 0);
    for (let i = 0; ; i++) {
      const hits = maybe[h & 0xffff] === 1 ? byHash.get(h) : undefined;
      if (hits) {
        for (const v of hits) {
          if ((nextFree.get(v) ?? 0) > i || !text.startsWith(v, i)) continue;
          out.push({ start: i, end: i + v.length });
          nextFree.set(v, i + v.length);
        }
      }
      if (i + WINDOW >= n) break;
      h = (Math.imul(h - Math.imul(text.charCodeAt(i), TOP), BASE) + text.charCodeAt(i + WINDOW)) | 0;
    }
  }
}

/** Bits of the sampled search's quick filter. */
const SAMPLE_FILTER_BITS = 20;

/**
 * Values of at least `SAMPLED_MIN` characters, the shortest `m` long: every occurrence covers one
 * of the text positions that are multiples of `step = m - WINDOW + 1`, with a whole window there.
 * So only those positions are hashed (one in 37 for keys), each looked up among the windows at
 * offsets 0…step-1 of every value; a hit at offset j is a candidate at `position - j`, confirmed
 * with startsWith. A network's 50 MB of text was ~0.5 s of hashing every position; this is ~40 ms.
 */
class SampledSearch {
  private readonly step: number;
  /** Window hash → the values and offsets it occurs at (flat: value, offset, value, offset…). */
  private readonly byHash = new Map<number, (string | number)[]>();
  /** One bit per hash bucket: most samples are answered without a Map look-up. */
  private readonly maybe = new Uint32Array((1 << SAMPLE_FILTER_BITS) >>> 5);

  constructor(values: readonly string[]) {
    let shortest = Infinity;
    for (const v of values) shortest = Math.min(shortest, v.length);
    this.step = shortest - WINDOW + 1;
    for (const v of values) {
      for (let j = 0; j < this.step; j++) {
        const h = windowHash(v, j);
        const bucket = filterBucket(h);
        this.maybe[bucket >>> 5]! |= 1 << (bucket & 31);
        const list = this.byHash.get(h);
        if (list) list.push(v, j);
        else this.byHash.set(h, [v, j]);
      }
    }
  }

  search(text: string, out: Span[]): void {
    const n = text.length;
    const { step, byHash, maybe } = this;
    const nextFree = new Map<string, number>();
    const candidates: { value: string; at: number }[] = [];
    for (let i = 0; i + WINDOW <= n; i += step) {
      const h = windowHash(text, i);
      const bucket = filterBucket(h);
      if ((maybe[bucket >>> 5]! & (1 << (bucket & 31))) === 0) continue;
      const hits = byHash.get(h);
      if (hits === undefined) continue;
      candidates.length = 0;
      for (let k = 0; k < hits.length; k += 2) {
        const value = hits[k] as string;
        const at = i - (hits[k + 1] as number);
        if (at >= 0 && text.startsWith(value, at)) candidates.push({ value, at });
      }
      // This sample's candidates lie in (i - step, i], after every earlier sample's: taking them
      // in position order keeps each value's occurrences leftmost-first and non-overlapping.
      if (candidates.length > 1) candidates.sort((a, b) => a.at - b.at);
      for (const { value, at } of candidates) {
        if ((nextFree.get(value) ?? 0) > at) continue;
        out.push({ start: at, end: at + value.length });
        nextFree.set(value, at + value.length);
      }
    }
  }
}

/** The filter's bucket of a window hash (mixed: the polynomial hash's own top bits are uneven). */
function filterBucket(h: number): number {
  return Math.imul(h, 0x9e3779b1) >>> (32 - SAMPLE_FILTER_BITS);
}

const searches = new WeakMap<object, SecretSearch>();

function searchFor(values: Iterable<string>): SecretSearch {
  let search = searches.get(values);
  if (!search) {
    search = new SecretSearch(values);
    searches.set(values, search);
  }
  return search;
}

const BASE = 31;
/** BASE^(WINDOW-1), the weight of the character leaving the window. */
const TOP = (() => {
  let top = 1;
  for (let k = 1; k < WINDOW; k++) top = Math.imul(top, BASE);
  return top;
})();

function windowHash(text: string, from: number): number {
  let h = 0;
  for (let k = 0; k < WINDOW; k++) h = (Math.imul(h, BASE) + text.charCodeAt(from + k)) | 0;
  return h;
}

/** `spans` plus every other occurrence of the secret values they cover (sorted, merged). */
export function withRepeats(text: string, spans: readonly Span[]): Span[] {
  const merged = mergeSpans(spans);
  // Each span's own value (a key next to a broken string merges with it), unless long: overlapping
  // lexical matches of a pathological run would each give a distinct multi-kilobyte value.
  const own = spans.filter((s) => s.end - s.start <= 256);
  return mergeSpans([...merged, ...occurrenceSpans(text, secretValues(text, [...own, ...merged]))]);
}

/** Sorted, non-overlapping union of spans. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Spans of every secret value in a file (sorted, merged). */
export function secretSpans(script: Script, text: string): Span[] {
  const ast: Span[] = [];
  try {
    forEachNode(script, secretNodeVisitor(text, ast));
  } catch {
    // A malformed AST must not stop redaction; the lexical scan still runs.
  }
  return secretSpansWith(ast, text);
}

/** Spans of every secret value given those already found in the AST (`secretNodeVisitor`). */
export function secretSpansWith(astSpans: readonly Span[], text: string): Span[] {
  return withRepeats(text, [...astSpans, ...lexicalSecretSpans(text), ...iniSecretSpans(text)]);
}

export interface TextSegment {
  text: string;
  /** Offsets of this segment in the original text. */
  start: number;
  end: number;
  redacted: boolean;
}

/**
 * Splits `text` (which starts at offset `base` of the file) into plain and redacted segments.
 * Redacted segments carry `<redacted>` as their text; front ends use the offsets to keep underlines
 * aligned after redaction.
 */
export function redactSegments(text: string, spans: readonly Span[], base = 0): TextSegment[] {
  const out: TextSegment[] = [];
  const end = base + text.length;
  let pos = base;
  const merged = mergedOnce(spans);
  // Front ends call this once per shown line with the file's spans: find the first that can touch it.
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid]!.end <= base) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < merged.length; i++) {
    const s = merged[i]!;
    if (s.start >= end) break;
    if (s.end <= pos) continue;
    const a = Math.max(s.start, pos);
    const b = Math.min(s.end, end);
    if (a > pos) out.push({ text: text.slice(pos - base, a - base), start: pos, end: a, redacted: false });
    out.push({ text: REDACTED, start: a, end: b, redacted: true });
    pos = b;
  }
  if (pos < end) out.push({ text: text.slice(pos - base), start: pos, end, redacted: false });
  return out;
}

/**
 * `mergeSpans(spans)`, computed once per spans array: a formatter redacts every code-frame line of
 * every diagnostic against the same file-wide list (thousands of spans in a big export). Arrays are
 * treated as unchanging once redacted against (the linter never edits a result's spans).
 */
const MERGED = new WeakMap<readonly Span[], Span[]>();
function mergedOnce(spans: readonly Span[]): Span[] {
  let merged = MERGED.get(spans);
  if (!merged) {
    merged = mergeSpans(spans);
    MERGED.set(spans, merged);
  }
  return merged;
}

/** `text` (starting at file offset `base`) with every secret span replaced by `<redacted>`. */
export function redact(text: string, spans: readonly Span[], base = 0): string {
  return redactSegments(text, spans, base)
    .map((s) => s.text)
    .join('');
}

const KEY_TOKEN = /[A-Za-z0-9+/]{43}=/g;

/** The distinct secret strings of a file (raw and unquoted), longest first, for scrubbing text. */
export function secretValues(text: string, spans: readonly Span[]): string[] {
  const values = new Set<string>();
  for (const s of spans) {
    const raw = text.slice(s.start, s.end);
    for (const v of [raw, unquote(raw)]) {
      // Very short values would scrub ordinary words out of messages; real keys are 44 characters.
      if (v.trim().length >= 6) values.add(v);
    }
    // A span merged with a neighbour (a key right after a broken string) still names its key.
    if (raw.length > 44 && raw.length <= 4096) for (const m of raw.matchAll(KEY_TOKEN)) values.add(m[0]);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

export function scrubText(text: string, values: readonly string[]): string {
  // Many values (a network's keys): find which occur at all in one pass over the text first.
  if (values.length > FEW_VALUES) {
    const search = searchFor(values);
    if (search.complete && search.spans(text).length === 0) return text;
  }
  let out = text;
  for (const v of values) if (out.includes(v)) out = out.split(v).join(REDACTED);
  return out;
}

/**
 * A copy of the diagnostic with secret values removed from every text field. A fix whose edits
 * would write a secret is dropped rather than redacted (a redacted fix would corrupt the file).
 */
export function scrubDiagnostic(d: Diagnostic, values: readonly string[]): Diagnostic {
  if (values.length === 0) return d;
  const out: Diagnostic = { ...d, message: scrubText(d.message, values) };
  if (d.related) out.related = d.related.map((r) => ({ ...r, message: scrubText(r.message, values) }));
  if (d.fix) {
    const leaks = d.fix.edits.some((e) => scrubText(e.text, values) !== e.text);
    if (leaks) delete out.fix;
    else out.fix = { ...d.fix, description: scrubText(d.fix.description, values) };
  }
  return out;
}
