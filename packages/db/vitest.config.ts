import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Every test creates and drops real PostgreSQL databases.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
