import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real PostgreSQL and NATS: database clones and stream set-up take longer than unit tests.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
