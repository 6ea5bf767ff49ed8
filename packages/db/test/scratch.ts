import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrationsDir } from '../src/paths.js';
import { databaseUrlFor } from '../src/postgres/database-url.js';
import { createDatabaseIfMissing, dropDatabase } from '../src/postgres/databases.js';

const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** An empty database of the test's own, to migrate from nothing. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = databaseUrlFor(serverUrl, `guild_scratch_${randomBytes(8).toString('hex')}`);
  await createDatabaseIfMissing(url);
  return { url, drop: () => dropDatabase(url) };
}

/** A temporary copy of the real migrations folder that a test may edit freely. */
export async function copyMigrationsFolder(): Promise<{ dir: string; remove(): Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'guild-migrations-'));
  const dir = path.join(root, 'migrations');
  await cp(migrationsDir, dir, { recursive: true });
  return { dir, remove: () => rm(root, { recursive: true, force: true }) };
}

export async function query<Row extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function tableExists(url: string, qualifiedName: string): Promise<boolean> {
  const [row] = await query<{ found: boolean }>(url, 'SELECT to_regclass($1) IS NOT NULL AS found', [qualifiedName]);
  return row?.found ?? false;
}

export type MigrationRow = {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  applied_steps_count: number;
};

export function readMigrationRows(url: string): Promise<MigrationRow[]> {
  return query<MigrationRow>(url, 'SELECT * FROM _prisma_migrations ORDER BY started_at');
}
