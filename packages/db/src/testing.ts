import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PrismaClient } from '@prisma/client';
import { createPrismaClient } from './client.js';
import { databaseUrlFor } from './postgres/database-url.js';
import { dropDatabase } from './postgres/databases.js';
import { quoteIdentifier } from './postgres/quote-identifier.js';
import { prepareTemplate } from './testing/prepare-template.js';

export type TestDatabase = {
  /** Connection URL of this test's own database. */
  url: string;
  prisma: PrismaClient;
  /** Disconnects `prisma` and drops the database. */
  drop(): Promise<void>;
};

/**
 * A fresh, fully migrated database of its own for an integration test, cloned from a migrated
 * template (a clone takes milliseconds; running the migrations each time would not).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const templateName = process.env.GUILD_TEST_TEMPLATE_DB ?? 'guild_test_template';
  const databaseName = `guild_t_${randomBytes(8).toString('hex')}`;
  await cloneTemplate(serverUrl, templateName, databaseName);
  const url = databaseUrlFor(serverUrl, databaseName);
  const prisma = createPrismaClient(url);
  return {
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await dropDatabase(url);
    },
  };
}

// Test files run in parallel processes, and PostgreSQL refuses to copy a template while any other
// session is connected to it: one process at a time migrates and clones, under an advisory lock.
async function cloneTemplate(serverUrl: string, templateName: string, databaseName: string): Promise<void> {
  const maintenance = new pg.Client({ connectionString: serverUrl });
  await maintenance.connect();
  try {
    await maintenance.query('SELECT pg_advisory_lock(hashtext($1))', [`guild test template ${templateName}`]);
    await prepareTemplate(maintenance, serverUrl, templateName);
    await maintenance.query(`CREATE DATABASE ${quoteIdentifier(databaseName)} TEMPLATE ${quoteIdentifier(templateName)}`);
  } finally {
    // Ending the session releases the lock.
    await maintenance.end();
  }
}
