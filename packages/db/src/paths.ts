import { fileURLToPath } from 'node:url';

// This file sits one level below the package root in src/ and in dist/ alike,
// so the same relative paths work under tsx, vitest and the built package.
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
export const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
export const schemaPath = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));
