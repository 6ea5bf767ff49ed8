import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';

/**
 * The connection pool as configured in DATABASE_URL with Prisma's own parameters:
 * `connection_limit` (connections, default 10) and `pool_timeout` (seconds a query or a
 * transaction waits for a free connection, default 10). Past the wait a request fails before
 * any of its work is done, and services answer it 503 with `retry-after` (packages/platform).
 */
export function poolSettingsOf(databaseUrl: string): { connectionString: string; max: number; waitMs: number } {
  const url = new URL(databaseUrl);
  const positive = (name: string, fallback: number) => {
    const raw = url.searchParams.get(name);
    url.searchParams.delete(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`DATABASE_URL: ${name} must be a positive number, not "${raw}"`);
    return value;
  };
  const max = positive('connection_limit', 10);
  const waitMs = positive('pool_timeout', 10) * 1000;
  return { connectionString: url.toString(), max, waitMs };
}

/** A Prisma client on the pg driver adapter: the native query engine cannot be downloaded here. */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  const pool = poolSettingsOf(databaseUrl);
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: pool.connectionString, max: pool.max, connectionTimeoutMillis: pool.waitMs }),
    // Interactive transactions wait for a connection as long as single queries do.
    transactionOptions: { maxWait: pool.waitMs },
  });
}
