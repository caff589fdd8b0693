/**
 * The fuzz target shared by `npm run fuzz` (scripts/fuzz.mjs, compiled packages, worker + hang
 * watchdog) and the bounded run in `npm test` (test/fuzz.test.ts, TypeScript sources).
 *
 * One case: mutate a fixture (byte flips, splices, truncation, inserted quotes/braces/backslashes,
 * random binary…), then parse → model → all rules (alone and as a two-file network) → every
 * formatter. A case fails on an exception anywhere, a `roslint/internal-error` diagnostic (the
 * linter turns a throwing rule into one), a case slower than the time bound, or a secret leak: a
 * private/preshared key still written as such in the mutated input that appears in any output.
 *
 * Dependencies are passed in so that both front doors test the same loop on their own builds:
 *   { parse, buildConfig, Linter, builtinRules, formatters: [{ name, format }] }
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// One seeded generator for the bench inputs and the fuzzer (mulberry32).
import { rng } from './generate.mjs';
export { rng };

/** Every `.rsc` / `.conf` under `dir` up to `maxBytes` each, as { file, bytes }. */
export function loadSeeds(dir, root = dir, maxBytes = 200_000) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.(rsc|conf)$/i.test(name) && st.size <= maxBytes) out.push({ file: relative(root, p), bytes: new Uint8Array(readFileSync(p)) });
    }
  };
  walk(dir);
  return out;
}

/**
 * Secret keys as the mutated text still writes them: in a RouterOS file `private-key=KEY` /
 * `preshared-key="KEY"` (with an export's `=\` line wrap), in a `.conf` (read as wg-quick)
 * `PrivateKey = KEY` / `PresharedKey = KEY` lines. A mutation that breaks the `name=` part turns
 * the key into ordinary text the linter cannot know to hide; those are not counted.
 */
export function secretsIn(text, file) {
  const out = new Set();
  if (/\.conf$/i.test(file)) {
    for (const m of text.matchAll(/^[ \t]*(?:Private|Preshared)Key[ \t]*=[ \t]*([A-Za-z0-9+/]{43}=)/gim)) out.add(m[1]);
  } else {
    for (const m of text.matchAll(/(?:private-key|preshared-key)=(?:\\\r?\n[ \t]*)?"?([A-Za-z0-9+/]{43}=)/g)) out.add(m[1]);
  }
  return out;
}

const INSERTS = ['"', '{', '}', '(', ')', '[', ']', '\\', '\\\r\n', '\\\n    ', '$', '$(', '$[', '\r', '\n', ';', '=', '#', ':', '!', '\0', '\u00ff', '/', ' [ find ', 'where ', '"\\', '\\"'];
const enc = new TextEncoder();
const RANDOM_MAGIC = [[0x88, 0xac, 0xa1, 0xb1], [0xef, 0xa8, 0x91, 0x72], [0xef, 0xa8, 0x91, 0x73]];

function randomBytes(r, n) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = r.int(256);
  return b;
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Mutations on bytes; each returns a new array. */
const MUTATORS = {
  flip(b, r) {
    const out = Uint8Array.from(b);
    for (let k = 1 + r.int(8); k > 0 && out.length; k--) out[r.int(out.length)] ^= 1 << r.int(8);
    return out;
  },
  setByte(b, r) {
    const out = Uint8Array.from(b);
    for (let k = 1 + r.int(4); k > 0 && out.length; k--) out[r.int(out.length)] = r.pick([0, 0x22, 0x5c, 0x7b, 0x7d, 0x0a, 0x0d, 0xff, 0xc3, r.int(256)]);
    return out;
  },
  insert(b, r) {
    let out = b;
    for (let k = 1 + r.int(6); k > 0; k--) {
      const at = r.int(out.length + 1);
      out = concat(out.subarray(0, at), enc.encode(r.pick(INSERTS).repeat(1 + (r.next() < 0.1 ? r.int(300) : 0))), out.subarray(at));
    }
    return out;
  },
  truncate(b, r) {
    return b.subarray(0, r.int(b.length + 1));
  },
  deleteRange(b, r) {
    const a = r.int(b.length + 1);
    const e = Math.min(b.length, a + r.int(200));
    return concat(b.subarray(0, a), b.subarray(e));
  },
  duplicateRange(b, r) {
    const a = r.int(b.length + 1);
    const e = Math.min(b.length, a + r.int(400));
    const times = 1 + r.int(r.next() < 0.1 ? 200 : 3);
    return concat(b.subarray(0, e), ...Array(times).fill(b.subarray(a, e)), b.subarray(e));
  },
  splice(b, r, seeds) {
    const other = r.pick(seeds).bytes;
    const a = r.int(other.length + 1);
    const piece = other.subarray(a, Math.min(other.length, a + r.int(2000)));
    const at = r.int(b.length + 1);
    return concat(b.subarray(0, at), piece, b.subarray(r.next() < 0.5 ? at : Math.min(b.length, at + r.int(500))));
  },
  binaryChunk(b, r) {
    const at = r.int(b.length + 1);
    return concat(b.subarray(0, at), randomBytes(r, 1 + r.int(512)), b.subarray(at));
  },
  randomBinary(_b, r) {
    const out = randomBytes(r, r.int(4096));
    if (out.length >= 4 && r.next() < 0.3) out.set(r.pick(RANDOM_MAGIC));
    return out;
  },
  swapLines(b, r) {
    const text = new TextDecoder().decode(b);
    const lines = text.split('\n');
    if (lines.length < 2) return b;
    const i = r.int(lines.length);
    const j = r.int(lines.length);
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return enc.encode(lines.join('\n'));
  },
};
const NAMES = Object.keys(MUTATORS);

/** 1–4 stacked mutations of a random seed. Returns the input and a description. */
export function mutate(seeds, r) {
  const seed = r.pick(seeds);
  let bytes = seed.bytes;
  const applied = [];
  for (let k = 1 + r.int(4); k > 0; k--) {
    const name = r.pick(NAMES);
    bytes = MUTATORS[name](bytes, r, seeds);
    applied.push(name);
  }
  return { file: seed.file, bytes, applied };
}

/**
 * Runs one input through everything; returns a list of problems (empty = fine).
 * `other` is a second file linted together with it as a network.
 */
export function runCase(deps, input, other, timeBoundMs) {
  const problems = [];
  const t0 = performance.now();
  const text = new TextDecoder('utf-8').decode(input.bytes);
  const latin = new TextDecoder('latin1').decode(input.bytes);
  // Alone, only the input's own secrets count; as a network, the other file's too.
  const own = new Set([...secretsIn(text, input.file), ...secretsIn(latin, input.file)]);
  const both = new Set([...own, ...secretsIn(new TextDecoder().decode(other.bytes), other.file)]);
  const step = (what, fn) => {
    try {
      return fn();
    } catch (err) {
      problems.push(`${what} threw: ${err && err.stack ? String(err.stack).split('\n').slice(0, 4).join(' | ') : String(err)}`);
      return undefined;
    }
  };
  const parsed = step('parse', () => deps.parse(input.bytes, { file: input.file }));
  if (parsed) step('buildConfig', () => deps.buildConfig(parsed, {}));
  const linter = new deps.Linter({ rules: deps.builtinRules });
  const single = step('lintText', () => [linter.lintText(input.bytes, { file: input.file })]);
  const network = step('lintMany', () =>
    linter.lintMany([{ file: input.file, content: input.bytes }, { file: `other/${other.file}`, content: other.bytes }], {}),
  );
  for (const [label, results] of [['alone', single], ['network', network]]) {
    if (!results) continue;
    for (const res of results)
      for (const d of res.diagnostics) if (d.ruleId === 'roslint/internal-error') problems.push(`internal error: ${d.message}`);
    for (const f of deps.formatters) {
      for (const color of [false, true]) {
        const out = step(`format ${f.name}`, () =>
          f.format(results, { cwd: process.cwd(), color, rules: deps.builtinRules.map((x) => x.meta), toolVersion: '0.0.0-fuzz' }),
        );
        if (typeof out !== 'string') {
          if (out !== undefined) problems.push(`format ${f.name} returned ${typeof out}`);
          continue;
        }
        for (const s of label === 'alone' ? own : both) if (out.includes(s)) problems.push(`secret leak: ${f.name} output (${label}) contains a key written as private/preshared-key`);
      }
    }
  }
  const ms = performance.now() - t0;
  if (ms > timeBoundMs) problems.push(`slow: ${ms.toFixed(0)} ms for ${input.bytes.length} bytes (bound ${timeBoundMs} ms)`);
  return [...new Set(problems)];
}

/**
 * The loop: cases until `deadline` (ms since epoch) or `maxCases`. `onCase(i, input)` runs before
 * each case (the worker's heartbeat), `onFailure(failure)` after a failing one; failures are
 * collected (up to `maxFailures`).
 */
export function fuzzLoop(deps, seeds, { seed = 1, deadline = Infinity, maxCases = Infinity, timeBoundMs = 5000, maxFailures = 20, onCase, onFailure } = {}) {
  const r = rng(seed);
  const failures = [];
  let cases = 0;
  while (cases < maxCases && Date.now() < deadline && failures.length < maxFailures) {
    const input = mutate(seeds, r);
    const other = r.pick(seeds);
    onCase?.(cases, input);
    const problems = runCase(deps, input, other, timeBoundMs);
    if (problems.length) {
      const failure = { case: cases, file: input.file, other: other.file, applied: input.applied, bytes: input.bytes, problems };
      failures.push(failure);
      onFailure?.(failure);
    }
    cases++;
  }
  return { cases, failures };
}
