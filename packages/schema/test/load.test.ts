// Kept in its own file so the first schema access in this worker is the one measured here.
import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { knownVersions, schemaLoadStats } from '@roslint/schema';

describe('schema data', () => {
  it('loads lazily, once, in under 30 ms', () => {
    expect(schemaLoadStats().ms).toBe(-1); // nothing read at import time
    const start = performance.now();
    expect(knownVersions().length).toBeGreaterThanOrEqual(16);
    const firstMs = performance.now() - start;
    const stats = schemaLoadStats();
    expect(stats.ms).toBeGreaterThan(0);
    expect(firstMs).toBeLessThan(30);
    knownVersions();
    expect(schemaLoadStats().ms).toBe(stats.ms); // not re-read
  });

  it('is at most 300 KB gzipped', () => {
    const file = fileURLToPath(new URL('../data/schema.json.gz', import.meta.url));
    expect(statSync(file).size).toBeLessThanOrEqual(300 * 1024);
    expect(schemaLoadStats().bytes).toBe(statSync(file).size);
  });
});
