import pg from 'pg';
import { databaseNameIn, databaseUrlFor } from './database-url.js';
import { quoteIdentifier } from './quote-identifier.js';

const duplicateDatabase = '42P04';

/** Runs `work` on the server's `postgres` database, the one a session can sit in while it creates or drops others. */
export async function withMaintenanceConnection<T>(
  databaseUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrlFor(databaseUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database a URL names unless it exists; says whether it did. */
export async function createDatabaseIfMissing(databaseUrl: string): Promise<boolean> {
  const name = databaseNameIn(databaseUrl);
  return withMaintenanceConnection(databaseUrl, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return true;
    } catch (error) {
      // Another process created it between our check and our CREATE: that is what we wanted.
      if ((error as { code?: string }).code === duplicateDatabase) return false;
      throw error;
    }
  });
}

/** Drops the database a URL names, ending any session still connected to it. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseNameIn(databaseUrl);
  await withMaintenanceConnection(databaseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  });
}
