import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { quoteIdentifier } from '../postgres/quote-identifier.js';
import type { LocalMigration } from './read-migrations.js';

/** Where Prisma keeps its migration history: the schema named by the URL's `schema` parameter, "public" by default. */
export type HistoryTable = { schema: string; qualifiedName: string };

export type RecordedMigration = {
  migrationName: string;
  checksum: string;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
};

export function historyTableFor(databaseUrl: string): HistoryTable {
  const schema = new URL(databaseUrl).searchParams.get('schema') ?? 'public';
  return { schema, qualifiedName: `${quoteIdentifier(schema)}."_prisma_migrations"` };
}

export async function ensureHistoryTable(client: pg.Client, history: HistoryTable): Promise<void> {
  if (history.schema !== 'public') await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(history.schema)}`);
  // Prisma's own DDL (schema engine, PostgreSQL flavour), so `prisma migrate status/deploy` can share the table.
  await client.query(`CREATE TABLE IF NOT EXISTS ${history.qualifiedName} (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`);
}

export async function readHistory(client: pg.Client, history: HistoryTable): Promise<RecordedMigration[]> {
  const result = await client.query<RecordedMigration>(
    `SELECT migration_name AS "migrationName", checksum, finished_at AS "finishedAt", rolled_back_at AS "rolledBackAt"
       FROM ${history.qualifiedName} ORDER BY started_at`,
  );
  return result.rows;
}

/** Inserts the row Prisma writes when it starts a migration; returns its id (a random uuid v4, as Prisma's). */
export async function recordStarted(client: pg.Client, history: HistoryTable, migration: LocalMigration): Promise<string> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO ${history.qualifiedName} (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, clock_timestamp())`,
    [id, migration.checksum, migration.name],
  );
  return id;
}

/** Prisma counts a SQL script migration as one step. */
export async function recordFinished(client: pg.Client, history: HistoryTable, id: string): Promise<void> {
  await client.query(
    `UPDATE ${history.qualifiedName} SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
    [id],
  );
}
