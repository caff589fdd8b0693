/**
 * The evidence for every peer/key/address rule: `fixtures/wireguard/<rule>/` holds `fires.rsc`
 * (with an exact sidecar that includes the rule), `quiet.rsc` (a complete correct config: nothing
 * fires) and `disabled.rsc` (the offending item has disabled=yes: the rule is quiet). Linted with
 * every built-in rule, through the real parser, model and Linter.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Linter } from '@roslint/core';
import { builtinRules } from '@roslint/rules';
import { diffExpected, lintFixtureGroup, readSidecar } from '@roslint/cli';
import { wireguardPeerRules } from '../index.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const linter = new Linter({ rules: builtinRules });

describe.each(wireguardPeerRules.map((r) => [r.meta.id] as const))('%s fixtures', (id) => {
  const dir = `fixtures/${id}`;
  it.each(['fires', 'quiet', 'disabled'])('%s.rsc', async (name) => {
    const file = `${dir}/${name}.rsc`;
    expect(existsSync(path.join(root, file)), file).toBe(true);
    const actual = (await lintFixtureGroup(linter, { files: [file] }, root)).get(file) ?? [];
    const expected = (await readSidecar(path.join(root, file))) ?? [];
    expect(diffExpected(actual, expected), file).toBeUndefined();
    const mine = actual.filter((d) => d.ruleId === id);
    if (name === 'fires') expect(mine.length, `${id} must fire in ${file}`).toBeGreaterThan(0);
    // exposed-secret deliberately counts disabled items (a disabled peer's key is still in the file).
    else if (!(name === 'disabled' && id === 'wireguard/exposed-secret')) expect(mine, `${id} must be quiet in ${file}`).toEqual([]);
    if (name === 'quiet') expect(actual, `nothing may fire on ${file}`).toEqual([]);
  });
});
