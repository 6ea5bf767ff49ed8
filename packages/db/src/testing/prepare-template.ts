import type pg from 'pg';
import { applyMigrations } from '../migrations/apply.js';
import { MigrationError } from '../migrations/migration-error.js';
import { databaseUrlFor } from '../postgres/database-url.js';
import { quoteIdentifier } from '../postgres/quote-identifier.js';

/**
 * Makes sure the template database exists with every migration applied. Called with the
 * template lock held on `maintenance`. The template is only a cache of the migrations: when
 * the runner refuses it (say, a migration edited since it was built), it is rebuilt from scratch.
 */
export async function prepareTemplate(maintenance: pg.Client, serverUrl: string, templateName: string): Promise<void> {
  const templateUrl = databaseUrlFor(serverUrl, templateName);
  const existing = await maintenance.query('SELECT 1 FROM pg_database WHERE datname = $1', [templateName]);
  if (!existing.rowCount) await maintenance.query(`CREATE DATABASE ${quoteIdentifier(templateName)}`);
  try {
    await applyMigrations({ databaseUrl: templateUrl });
  } catch (error) {
    if (!(error instanceof MigrationError)) throw error;
    await maintenance.query(`DROP DATABASE ${quoteIdentifier(templateName)} WITH (FORCE)`);
    await maintenance.query(`CREATE DATABASE ${quoteIdentifier(templateName)}`);
    await applyMigrations({ databaseUrl: templateUrl });
  }
}
