import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import pg from 'pg';

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

/**
 * A Prisma client on the pg driver adapter: the native query engine cannot be downloaded here.
 * A connection the server ends (a restart, `pg_terminate_backend`) emits 'error' on its client;
 * pg listens only while the client is idle in the pool, so one held in a transaction would
 * crash the process with an unhandled 'error'. Every client gets a listener: the query waiting
 * on it fails, the pool drops it, and the service answers that one request and carries on.
 */
export function createPrismaClient(databaseUrl: string, onConnectionError: (error: Error) => void = () => {}): PrismaClient {
  const settings = poolSettingsOf(databaseUrl);
  const pool = new pg.Pool({ connectionString: settings.connectionString, max: settings.max, connectionTimeoutMillis: settings.waitMs });
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool),
    // Interactive transactions wait for a connection as long as single queries do.
    transactionOptions: { maxWait: settings.waitMs },
  });
  pools.set(prisma, pool);
  return prisma;
}

const pools = new WeakMap<PrismaClient, pg.Pool>();

/**
 * The pg pool under a client from `createPrismaClient`, for the few hot reads written as one SQL
 * statement: pg runs it for a fraction of the CPU Prisma spends around even a raw query. Same
 * connections, same limits; a pool that gives up waiting throws what Prisma's would.
 */
export function sqlPoolOf(prisma: PrismaClient): pg.Pool {
  const pool = pools.get(prisma);
  if (!pool) throw new Error('this Prisma client was not made by createPrismaClient: it has no pg pool to share');
  return pool;
}
