/**
 * A short, bounded run of the fuzz target (bench/fuzz-core.mjs; the long run is `npm run fuzz`):
 * mutated fixtures through parse → model → all rules (alone and as a network) → every formatter,
 * failing on an exception, an internal-error diagnostic, a slow case or a secret leak. In-process,
 * so an endless loop shows up as this test's timeout rather than the watchdog of scripts/fuzz.mjs.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { parse } from '@roslint/parser';
import { buildConfig, Linter } from '@roslint/core';
import { builtinRules } from '@roslint/rules';
import { formatterNames, getFormatter } from '@roslint/cli';
// @ts-ignore plain ES module shared with scripts/fuzz.mjs (no type declarations)
import { fuzzLoop, loadSeeds, mutate, rng, runCase } from '../bench/fuzz-core.mjs';

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
const formatters = formatterNames().map((name) => ({ name, format: getFormatter(name)! }));
const deps = { parse, buildConfig, Linter, builtinRules, formatters };
const SECONDS = Number(process.env.ROSLINT_FUZZ_SECONDS ?? 12);

describe('fuzz (bounded)', () => {
  const seeds = loadSeeds(fixtures);

  it('has seeds with secrets to leak and mutations that change them', () => {
    expect(seeds.length).toBeGreaterThan(100);
    const r = rng(3);
    const changed = Array.from({ length: 50 }, () => mutate(seeds, r)).filter((m) => {
      const seed = seeds.find((s: { file: string }) => s.file === m.file)!;
      return Buffer.compare(Buffer.from(seed.bytes), Buffer.from(m.bytes)) !== 0;
    });
    expect(changed.length).toBeGreaterThan(40);
  });

  it('the harness fails on a leak, an exception and a slow case', () => {
    const key = 'WsergAgRDc2H8MsJXJhVgumCkPRLtgVS9U2g0+LhwXo=';
    const input = { file: 'x.rsc', bytes: Buffer.from(`/interface wireguard add name=wg1 private-key="${key}"\n`), applied: [] };
    const leaky = { name: 'leaky', format: (results: { source: { text: string } }[]) => results.map((r) => r.source.text).join('') };
    const throwing = { name: 'throwing', format: () => { throw new Error('boom'); } };
    const problems: string[] = runCase({ ...deps, formatters: [leaky, throwing] }, input, input, 0);
    expect(problems.some((p) => p.startsWith('secret leak: leaky'))).toBe(true);
    expect(problems.some((p) => p.startsWith('format throwing threw: Error: boom'))).toBe(true);
    expect(problems.some((p) => p.startsWith('slow:'))).toBe(true);
    expect(runCase(deps, input, input, 60_000)).toEqual([]);
  });

  it(`survives ~${SECONDS} s of mutated fixtures`, () => {
    // A new seed per run explores more over time; it is printed so a failure can be replayed.
    const seed = Number(process.env.ROSLINT_FUZZ_SEED ?? Date.now() % 1e9);
    const { cases, failures } = fuzzLoop(deps, seeds, {
      seed,
      deadline: Date.now() + SECONDS * 1000,
      timeBoundMs: 5000,
      maxFailures: 5,
    });
    console.log(`fuzz: ${cases} cases in ${SECONDS} s (seed ${seed}; replay with ROSLINT_FUZZ_SEED=${seed})`);
    const report = failures.map(
      (f: { case: number; file: string; applied: string[]; problems: string[] }) =>
        `case ${f.case} (${f.file}; ${f.applied.join(', ')}): ${f.problems.join('; ')}`,
    );
    expect(report).toEqual([]);
    expect(cases).toBeGreaterThan(50);
  }, (SECONDS + 60) * 1000);
});
