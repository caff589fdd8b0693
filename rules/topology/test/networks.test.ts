/**
 * Every `fixtures/networks/<name>/` (RouterOS `.rsc` and wg-quick `.conf` files) is linted as one
 * network and compared with each file's `<name>.expected.json` sidecar (no sidecar = no
 * diagnostics). `.conf` files are included here; set UPDATE_NETWORK_FIXTURES=1 to rewrite sidecars
 * from current output (then review them).
 */
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Linter } from '@roslint/core';
import { builtinRules } from '../../index.js';
import { diffExpected, formatSidecar, toExpected, type ExpectedDiagnostic } from '@roslint/cli';
import { topologyRules } from '../index.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const networksDir = path.join(root, 'fixtures', 'networks');
const rules = builtinRules.some((r) => r.meta.id.startsWith('topology/')) ? builtinRules : [...builtinRules, ...topologyRules];
const linter = new Linter({ rules });
const update = process.env.UPDATE_NETWORK_FIXTURES === '1';

const sidecarOf = (file: string) => file.replace(/\.(rsc|conf)$/i, '.expected.json');
const networks = readdirSync(networksDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('fixture networks', () => {
  it('exist', () => expect(networks.length).toBeGreaterThan(30));

  it.each(networks)('%s', (name) => {
    const dir = path.join(networksDir, name);
    const files = readdirSync(dir).filter((f) => /\.(rsc|conf)$/i.test(f)).sort();
    const inputs = files.map((f) => ({ file: `fixtures/networks/${name}/${f}`, content: readFileSync(path.join(dir, f)) }));
    const results = linter.lintMany(inputs, {});
    const problems: string[] = [];
    for (const r of results) {
      const actual = r.diagnostics.map(toExpected);
      const sidecar = path.join(root, sidecarOf(r.file));
      if (update) {
        if (actual.length > 0) writeFileSync(sidecar, formatSidecar(actual));
        else if (existsSync(sidecar)) unlinkSync(sidecar);
        continue;
      }
      const expected: ExpectedDiagnostic[] = existsSync(sidecar) ? JSON.parse(readFileSync(sidecar, 'utf8')) : [];
      const diff = diffExpected(actual, expected);
      if (diff !== undefined) problems.push(`${r.file}:\n${diff}\n${r.diagnostics.map((d) => `    ${d.range.start.line + 1}:${d.range.start.column + 1} ${d.ruleId} ${d.message}`).join('\n')}`);
      // No key value may reach a message.
      for (const d of r.diagnostics) expect(d.message).not.toMatch(/[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=/);
    }
    expect(problems.join('\n\n')).toBe('');
  });
});
