import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { checksumOf } from './checksum.js';
import { MigrationError } from './migration-error.js';

export type LocalMigration = { name: string; script: string; checksum: string };

/** The migrations of a Prisma migrations folder, in the order Prisma applies them (by folder name). */
export async function readMigrations(migrationsDir: string): Promise<LocalMigration[]> {
  await checkLockFile(migrationsDir);
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(names.map((name) => readMigration(migrationsDir, name)));
}

async function readMigration(migrationsDir: string, name: string): Promise<LocalMigration> {
  const file = path.join(migrationsDir, name, 'migration.sql');
  const bytes = await readFile(file).catch((cause: unknown) => {
    throw new MigrationError(`Migration ${name} has no readable migration.sql (${file}).`, {
      migrationName: name,
      remedy: 'Restore the file from version control, or remove the stray folder.',
      cause,
    });
  });
  return { name, script: bytes.toString('utf8'), checksum: checksumOf(bytes) };
}

// Required, so that pointing at the wrong folder fails loudly instead of "applying nothing".
async function checkLockFile(migrationsDir: string): Promise<void> {
  const lockFile = path.join(migrationsDir, 'migration_lock.toml');
  const content = await readFile(lockFile, 'utf8').catch((cause: unknown) => {
    throw new MigrationError(`${migrationsDir} is not a Prisma migrations folder: ${lockFile} is missing.`, {
      remedy: 'Point migrationsDir at prisma/migrations, or create the first migration with `npm run db:new-migration -- <name>`.',
      cause,
    });
  });
  const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(content)?.[1];
  if (provider !== 'postgresql') {
    throw new MigrationError(`${lockFile} is for provider "${provider ?? '?'}", not "postgresql".`, {
      remedy: 'These migrations were written for another database; regenerate them for PostgreSQL.',
    });
  }
}
