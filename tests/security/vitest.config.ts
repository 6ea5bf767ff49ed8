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
      '@guild/projects/server': source('../../services/projects/src/server.ts'),
      '@guild/billing/server': source('../../services/billing/src/server.ts'),
      '@guild/payouts/server': source('../../services/payouts/src/server.ts'),
      '@guild/marketplace/server': source('../../services/marketplace/src/server.ts'),
      '@guild/vault/server': source('../../services/vault/src/server.ts'),
      '@guild/sales/server': source('../../services/sales/src/server.ts'),
    },
  },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
