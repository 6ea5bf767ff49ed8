import pg from 'pg';
import { migrationsDir as defaultMigrationsDir } from '../paths.js';
import {
  ensureHistoryTable,
  historyTableFor,
  readHistory,
  recordFinished,
  recordStarted,
  type HistoryTable,
} from './history-table.js';
import { findPendingMigrations } from './find-pending.js';
import { MigrationError } from './migration-error.js';
import { readMigrations, type LocalMigration } from './read-migrations.js';

export type ApplyMigrationsOptions = {
  databaseUrl: string;
  /** Defaults to this package's prisma/migrations. */
  migrationsDir?: string;
  /** One line per migration; silent by default. */
  log?: (line: string) => void;
};

export type ApplyMigrationsResult = { applied: string[]; alreadyApplied: string[] };

// Prisma's own migrate lock key, so this runner and `prisma migrate deploy` never overlap either.
const migrateLockKey = 72707369;

/**
 * Applies pending Prisma migrations with pg, recording them in `_prisma_migrations` exactly as
 * Prisma does (its native schema engine cannot be downloaded here). Each migration commits or
 * rolls back together with its history row.
 */
export async function applyMigrations({
  databaseUrl,
  migrationsDir = defaultMigrationsDir,
  log = () => {},
}: ApplyMigrationsOptions): Promise<ApplyMigrationsResult> {
  const local = await readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrateLockKey]);
    const history = historyTableFor(databaseUrl);
    await ensureHistoryTable(client, history);
    const { pending, alreadyApplied } = findPendingMigrations(local, await readHistory(client, history));
    for (const name of alreadyApplied) log(`up to date: ${name}`);
    for (const migration of pending) {
      log(`applying: ${migration.name}`);
      await applyOne(client, history, migration);
      log(`applied: ${migration.name}`);
    }
    return { applied: pending.map((migration) => migration.name), alreadyApplied };
  } finally {
    // Ending the session also releases the advisory lock.
    await client.end();
  }
}

async function applyOne(client: pg.Client, history: HistoryTable, migration: LocalMigration): Promise<void> {
  await client.query('BEGIN');
  try {
    const id = await recordStarted(client, history, migration);
    await client.query(migration.script);
    await recordFinished(client, history, id);
    await client.query('COMMIT');
  } catch (cause) {
    await client.query('ROLLBACK');
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`, {
      migrationName: migration.name,
      remedy: `Fix ${migration.name}/migration.sql (none of it was applied) and run the migrations again.`,
      cause,
    });
  }
}
