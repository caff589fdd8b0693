/**
 * fixtures/syntax/*.rsc: the parser's own diagnostics must equal the `.expected.json` sidecar
 * exactly (rule, severity and 1-based range); no sidecar means no parse diagnostics.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '@roslint/parser';

const dir = fileURLToPath(new URL('../../../fixtures/syntax/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.rsc')).sort();

describe('fixtures/syntax', () => {
  it('has broken and valid fixtures', () => {
    expect(files.filter((f) => existsSync(dir + f.replace(/\.rsc$/, '.expected.json'))).length).toBeGreaterThanOrEqual(8);
    expect(files.filter((f) => !existsSync(dir + f.replace(/\.rsc$/, '.expected.json'))).length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s', (f) => {
    const sidecar = dir + f.replace(/\.rsc$/, '.expected.json');
    const expected = existsSync(sidecar) ? JSON.parse(readFileSync(sidecar, 'utf8')) : [];
    const r = parse(readFileSync(dir + f), { file: f });
    const actual = r.diagnostics.map((d) => ({
      ruleId: d.ruleId, severity: d.severity,
      line: d.range.start.line + 1, column: d.range.start.column + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.column + 1,
    }));
    expect(actual).toEqual(expected);
    for (const d of r.diagnostics) {
      expect(d.file).toBe(f);
      expect(d.message.length).toBeGreaterThan(10);
    }
  });

  it('reports what was expected and where the bracket was opened', () => {
    const r = parse(readFileSync(dir + 'unclosed-bracket.rsc'));
    expect(r.diagnostics[0]!.message).toBe('expected `]` to close `[` opened at line 2');
    // Parsing resumed: the two lines after the broken one are ordinary commands.
    expect(r.script.body.map((s) => s.kind)).toEqual(['error', 'command', 'command']);
  });
});
