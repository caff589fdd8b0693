import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests import workspace packages from their TypeScript sources, so `vitest` needs no build
// (the CLI end-to-end tests spawn the built bin; `npm test` builds first).
export default defineConfig({
  resolve: {
    alias: {
      '@roslint/parser': here('./packages/parser/src/index.ts'),
      '@roslint/schema': here('./packages/schema/src/index.ts'),
      '@roslint/core': here('./packages/core/src/index.ts'),
      '@roslint/rules': here('./rules/index.ts'),
      '@roslint/cli': here('./packages/cli/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30000,
    // The JSON report feeds .ci/run's `N passed, N failed` line.
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
