/**
 * Every `fixtures/**\/*.rsc` is linted with all built-in rules (alone, or with its network under
 * `fixtures/networks/<name>/`, wg-quick `.conf` clients included) and compared with its `.expected.json` sidecar; no sidecar = no
 * diagnostics. To (re)write a sidecar from current output, then review it:
 *   npm run fixtures:update -- fixtures/<area>/<name>.rsc
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Linter } from '@roslint/core';
import { builtinRules } from '@roslint/rules';
import { diffExpected, findFixtureGroups, lintFixtureGroup, readSidecar, type ExpectedDiagnostic } from '@roslint/cli';

const root = fileURLToPath(new URL('..', import.meta.url));
const groups = await findFixtureGroups('fixtures', root);
const linter = new Linter({ rules: builtinRules });

describe('fixtures', () => {
  it.each(groups.map((g) => [g.network ?? g.files[0]!, g] as const))('%s', async (_name, group) => {
    const actual = await lintFixtureGroup(linter, group, root);
    const problems: string[] = [];
    for (const file of group.files) {
      const expected = (await readSidecar(path.join(root, file))) ?? [];
      const diff = diffExpected(actual.get(file) ?? [], expected);
      if (diff !== undefined) problems.push(`${file}:\n${diff}`);
    }
    expect(problems.join('\n\n'), 'fixture output differs (npm run fixtures:update -- <file> rewrites a sidecar for review)').toBe('');
  });
});

describe('fixture diff', () => {
  const d = (line: number, ruleId = 'a/b'): ExpectedDiagnostic => ({ ruleId, severity: 'error', line, column: 1, endLine: line, endColumn: 4 });

  it('accepts the same diagnostics in any order, counting duplicates', () => {
    expect(diffExpected([d(2), d(1), d(1)], [d(1), d(1), d(2)])).toBeUndefined();
    expect(diffExpected([d(1)], [d(1), d(1)])).toBe('  - missing:    1:1-1:4 error a/b');
  });

  it('names what is missing and what is unexpected', () => {
    expect(diffExpected([d(1), d(3, 'x/y')], [d(1), d(2)])).toBe('  - missing:    2:1-2:4 error a/b\n  + unexpected: 3:1-3:4 error x/y');
  });
});
