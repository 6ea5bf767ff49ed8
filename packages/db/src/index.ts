export { createPrismaClient, sqlPoolOf } from './client.js';
export { migrationsDir } from './paths.js';
export { applyMigrations } from './migrations/apply.js';
export type { ApplyMigrationsOptions, ApplyMigrationsResult } from './migrations/apply.js';
export { MigrationError } from './migrations/migration-error.js';
// PrismaClient, Prisma, the enums and every model type, as generated from prisma/schema.prisma.
export * from '@prisma/client';
