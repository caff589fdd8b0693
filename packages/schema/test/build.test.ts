// The build script is deterministic and the committed data is what it produces.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const source = join(pkg, '../../../shared/routeros-schema');
const committed = join(pkg, 'data/schema.json.gz');

// The RouterOS dumps live outside the repository; a fresh clone without them skips this.
describe.skipIf(!existsSync(source))('build:schema', () => {
  it('gives identical bytes on every run, equal to the committed file', () => {
    const dirs = [mkdtempSync(join(tmpdir(), 'schema-a-')), mkdtempSync(join(tmpdir(), 'schema-b-'))];
    try {
      const outputs = dirs.map((dir) => {
        const out = join(dir, 'schema.json.gz');
        execFileSync(process.execPath, [join(pkg, 'scripts/build.mjs'), source, out], { stdio: 'pipe' });
        return readFileSync(out);
      });
      expect(outputs[0]!.length).toBeGreaterThan(10_000);
      expect(outputs[0]!.equals(outputs[1]!)).toBe(true);
      expect(outputs[0]!.equals(readFileSync(committed))).toBe(true);
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });
});
