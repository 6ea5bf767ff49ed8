#!/usr/bin/env node
import { applyMigrations } from '../migrations/apply.js';
import { MigrationError } from '../migrations/migration-error.js';
import { databaseNameIn, localDatabaseUrl, redactPassword } from '../postgres/database-url.js';
import { createDatabaseIfMissing } from '../postgres/databases.js';

const databaseUrl = process.env.DATABASE_URL ?? localDatabaseUrl;

try {
  console.log(`Migrating ${redactPassword(databaseUrl)}`);
  if (await createDatabaseIfMissing(databaseUrl)) console.log(`Created database ${databaseNameIn(databaseUrl)}`);
  const { applied, alreadyApplied } = await applyMigrations({ databaseUrl, log: (line) => console.log(`  ${line}`) });
  console.log(`Done: ${applied.length} applied, ${alreadyApplied.length} already applied.`);
} catch (error) {
  console.error(`Migration stopped: ${error instanceof Error ? error.message : String(error)}`);
  console.error(`What to do: ${remedyFor(error)}`);
  process.exitCode = 1;
}

function remedyFor(error: unknown): string {
  if (error instanceof MigrationError) return error.remedy;
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    return 'Start PostgreSQL, or set DATABASE_URL to a server that is running.';
  }
  if (code === '28P01' || code === '28000') return 'Check the user and password in DATABASE_URL.';
  return 'Check DATABASE_URL and the error above, then run the migrations again.';
}
