// The schema rules through the real pipeline (parser → evaluator → Linter), on every fixture of the
// repository and on version-gated snippets (positions 1-based, as in sidecars and CLI output).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from '@roslint/core';
import { schemaRules } from './index.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const linter = new Linter({ rules: schemaRules });

function fixtureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? fixtureFiles(p) : p.endsWith('.rsc') ? [p] : [];
  });
}

function schemaFindings(text: string, routerosVersion?: string): string[] {
  const r = linter.lintText(text, { file: 't.rsc', ...(routerosVersion ? { routerosVersion } : {}) });
  return r.diagnostics.filter((d) => d.ruleId.startsWith('schema/')).map((d) => `${d.ruleId} ${d.range.start.line + 1}:${d.range.start.column + 1}`);
}

describe('schema rules on real input', () => {
  it('report on fixtures exactly what their sidecars expect (nothing on valid exports)', () => {
    const files = fixtureFiles(join(repo, 'fixtures'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const sidecar = file.replace(/\.rsc$/, '.expected.json');
      const expected = existsSync(sidecar)
        ? (JSON.parse(readFileSync(sidecar, 'utf8')) as { ruleId: string; line: number; column: number }[])
            .filter((e) => e.ruleId.startsWith('schema/')).map((e) => `${e.ruleId} ${e.line}:${e.column}`)
        : [];
      const r = linter.lintText(readFileSync(file), { file });
      const got = r.diagnostics.filter((d) => d.ruleId.startsWith('schema/')).map((d) => `${d.ruleId} ${d.range.start.line + 1}:${d.range.start.column + 1}`);
      expect({ file: relative(repo, file), got }).toEqual({ file: relative(repo, file), got: expected });
    }
  });

  it('gates a property by the export header version', () => {
    const peer = '/interface wireguard peers\nadd interface=wg1 public-key="YWJj" responder=yes\n';
    expect(schemaFindings('# 2024-09-01 10:00:00 by RouterOS 7.16.1\n' + peer)).toEqual(['schema/version-mismatch 3:37']);
    expect(schemaFindings('# 2025-01-01 10:00:00 by RouterOS 7.17.2\n' + peer)).toEqual([]);
    expect(schemaFindings(peer, '7.15')).toEqual(['schema/version-mismatch 2:37']);
  });

  it('finds typos and resolves abbreviations', () => {
    expect(schemaFindings('/interface wireguard peerz\nadd interface=wg1 alowed-address=10.0.0.2/32 public-key="YWJj"\n'))
      .toEqual(['schema/unknown-menu 1:22']);
    expect(schemaFindings('/interface wireguard peers\nadd interface=wg1 alowed-address=10.0.0.2/32 public-key="YWJj"\n'))
      .toEqual(['schema/unknown-property 2:19']);
    expect(schemaFindings('/sys ident set name=r1\n/ip fire fil add chain=input action=accept\n')).toEqual([]);
    expect(schemaFindings('/ip address\nadd address=10.0.0.1/24\n')).toEqual(['schema/missing-required 2:1']);
  });
});
