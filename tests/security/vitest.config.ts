import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // The services run from source, as in their own tests, so a route added a minute ago is in the
  // matrix and the fuzzer without a build; tsc checks against their built types like any package.
  resolve: {
    alias: {
      '@guild/support/server': source('../../services/support/src/server.ts'),
      '@guild/identity/server': source('../../services/identity/src/server.ts'),
      '@guild/identity/tokens': source('../../services/identity/src/keys/index.ts'),
    },
  },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
