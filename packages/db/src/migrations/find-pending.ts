import { matchesChecksum } from './checksum.js';
import type { RecordedMigration } from './history-table.js';
import { MigrationError } from './migration-error.js';
import type { LocalMigration } from './read-migrations.js';

/**
 * Compares the folder with the recorded history. Refuses (throws) when the history cannot be trusted:
 * a migration that failed half-way, one whose folder is gone, or one edited after it was applied.
 */
export function findPendingMigrations(
  local: LocalMigration[],
  recorded: RecordedMigration[],
): { pending: LocalMigration[]; alreadyApplied: string[] } {
  const localByName = new Map(local.map((migration) => [migration.name, migration]));
  const applied = new Set<string>();
  for (const row of recorded) {
    // Prisma applies a migration marked rolled back again, as if never run.
    if (row.rolledBackAt) continue;
    const name = row.migrationName;
    if (!row.finishedAt) {
      throw new MigrationError(`Migration ${name} is recorded as started but never finished.`, {
        migrationName: name,
        remedy: `Repair what it left half-done, then mark it with \`prisma migrate resolve --rolled-back ${name}\` (or set rolled_back_at on its _prisma_migrations row).`,
      });
    }
    const file = localByName.get(name);
    if (!file) {
      throw new MigrationError(`Migration ${name} is applied to this database but its folder is missing.`, {
        migrationName: name,
        remedy: 'Restore the folder from version control (applied migrations are never deleted), or check that DATABASE_URL points at the right database.',
      });
    }
    if (!matchesChecksum(file.script, row.checksum)) {
      throw new MigrationError(`Migration ${name} was edited after it was applied (its checksum differs from the recorded one).`, {
        migrationName: name,
        remedy: `Restore ${name}/migration.sql from version control and put the change in a new migration (\`npm run db:new-migration -- <name>\`).`,
      });
    }
    applied.add(name);
  }
  return {
    pending: local.filter((migration) => !applied.has(migration.name)),
    alreadyApplied: local.filter((migration) => applied.has(migration.name)).map((migration) => migration.name),
  };
}
