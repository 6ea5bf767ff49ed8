import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// Prisma's native engines cannot be downloaded on our machines: the CLI runs on the JS engine
// through the pg adapter. It still needs DATABASE_URL set, or it falls back to a download.
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/guild';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // allowExitOnIdle: otherwise the idle pool keeps every CLI run alive for pg's 10 s idle timeout.
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL, allowExitOnIdle: true }),
});
