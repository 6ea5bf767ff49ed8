import { createHash } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  copyMigrationsFolder,
  createEmptyDatabase,
  query,
  readMigrationRows,
  tableExists,
} from '../../test/scratch.js';
import { applyMigrations } from './apply.js';
import { MigrationError } from './migration-error.js';

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let migrations: Awaited<ReturnType<typeof copyMigrationsFolder>>;
let folderNames: string[];

beforeEach(async () => {
  database = await createEmptyDatabase();
  migrations = await copyMigrationsFolder();
  const entries = await readdir(migrations.dir, { withFileTypes: true });
  folderNames = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
});

afterEach(async () => {
  await database.drop();
  await migrations.remove();
});

async function addMigration(name: string, sql: string): Promise<void> {
  await mkdir(path.join(migrations.dir, name));
  await writeFile(path.join(migrations.dir, name, 'migration.sql'), sql);
}

function initFolder(): string {
  const init = folderNames.find((name) => name.endsWith('_init'));
  if (!init) throw new Error('the init migration is missing');
  return init;
}

describe('applyMigrations', () => {
  it('applies every migration to an empty database and records each one as Prisma does', async () => {
    const result = await applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir });

    expect(result).toEqual({ applied: folderNames, alreadyApplied: [] });
    for (const table of ['platform.outbox_event', 'platform.processed_event', 'support.expert_assignment', 'support.query', 'support.query_reply']) {
      expect(await tableExists(database.url, table)).toBe(true);
    }
    const rows = await readMigrationRows(database.url);
    expect(rows.map((row) => row.migration_name)).toEqual(folderNames);
    for (const row of rows) {
      const script = await readFile(path.join(migrations.dir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(script).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('creates the history table with the columns and types Prisma gives it', async () => {
    await applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir });

    const columns = await query(
      database.url,
      `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', character_maximum_length: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', character_maximum_length: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', character_maximum_length: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', character_maximum_length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', character_maximum_length: null, is_nullable: 'NO', column_default: '0' },
    ]);
  });

  it('a second run applies nothing and records nothing new', async () => {
    await applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir });
    const rowsBefore = await readMigrationRows(database.url);
    const lines: string[] = [];

    const result = await applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir, log: (line) => lines.push(line) });

    expect(result).toEqual({ applied: [], alreadyApplied: folderNames });
    expect(await readMigrationRows(database.url)).toEqual(rowsBefore);
    expect(lines).toEqual(folderNames.map((name) => `up to date: ${name}`));
  });

  it('applies only the migrations added since the last run', async () => {
    await applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir });
    await addMigration('20990101000000_add_audit', 'CREATE TABLE "platform"."audit" ("id" INTEGER PRIMARY KEY);');
    const lines: string[] = [];

    const result = await applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir, log: (line) => lines.push(line) });

    expect(result).toEqual({ applied: ['20990101000000_add_audit'], alreadyApplied: folderNames });
    expect(await tableExists(database.url, 'platform.audit')).toBe(true);
    expect(lines.slice(-2)).toEqual(['applying: 20990101000000_add_audit', 'applied: 20990101000000_add_audit']);
  });

  it('refuses to run when an applied migration was edited, naming it and applying nothing else', async () => {
    await applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir });
    await appendFile(path.join(migrations.dir, initFolder(), 'migration.sql'), '\n-- edited after it was applied\n');
    await addMigration('20990101000000_add_audit', 'CREATE TABLE "platform"."audit" ("id" INTEGER PRIMARY KEY);');

    const run = applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir });

    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow(new RegExp(`${initFolder()} was edited`));
    expect(await tableExists(database.url, 'platform.audit')).toBe(false);
    expect((await readMigrationRows(database.url)).map((row) => row.migration_name)).toEqual(folderNames);
  });

  it('accepts an applied migration whose line endings were converted, as Prisma does', async () => {
    await applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir });
    const file = path.join(migrations.dir, initFolder(), 'migration.sql');
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('\n', '\r\n'));

    const result = await applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir });

    expect(result.applied).toEqual([]);
  });

  it('refuses to run when an applied migration has no folder any more', async () => {
    await applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir });
    await rm(path.join(migrations.dir, initFolder()), { recursive: true });

    await expect(applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir })).rejects.toThrow(
      new RegExp(`${initFolder()} is applied to this database but its folder is missing`),
    );
  });

  it('refuses to run while a recorded migration is unfinished', async () => {
    await applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir });
    await query(database.url, 'UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = $1', [initFolder()]);
    await addMigration('20990101000000_add_audit', 'CREATE TABLE "platform"."audit" ("id" INTEGER PRIMARY KEY);');

    await expect(applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir })).rejects.toThrow(
      new RegExp(`${initFolder()} is recorded as started but never finished`),
    );
    expect(await tableExists(database.url, 'platform.audit')).toBe(false);
  });

  it('rolls a failing migration back entirely: no partial tables, no history row', async () => {
    await addMigration(
      '20990101000000_broken',
      'CREATE TABLE "platform"."half_done" ("id" INTEGER PRIMARY KEY);\nSELECT * FROM "platform"."no_such_table";\n',
    );

    const run = applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir });

    await expect(run).rejects.toThrow(/Migration 20990101000000_broken failed and was rolled back: .*no_such_table/);
    expect(await tableExists(database.url, 'platform.half_done')).toBe(false);
    expect((await readMigrationRows(database.url)).map((row) => row.migration_name)).toEqual(folderNames);
  });

  it('two runners started at once apply each migration exactly once', async () => {
    const runs = await Promise.all([
      applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir }),
      applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir }),
    ]);

    expect(runs.flatMap((run) => run.applied).sort()).toEqual(folderNames);
    expect(await readMigrationRows(database.url)).toHaveLength(folderNames.length);
  });

  it("keeps the history in the schema named by the URL's schema parameter, as Prisma does", async () => {
    const url = `${database.url}?schema=guild_meta`;

    await applyMigrations({ databaseUrl: url, migrationsDir: migrations.dir });

    expect(await tableExists(database.url, 'guild_meta._prisma_migrations')).toBe(true);
    expect(await tableExists(database.url, 'public._prisma_migrations')).toBe(false);
  });

  it('refuses a folder without migration_lock.toml', async () => {
    await rm(path.join(migrations.dir, 'migration_lock.toml'));

    await expect(applyMigrations({ databaseUrl: database.url, migrationsDir: migrations.dir })).rejects.toThrow(
      /is not a Prisma migrations folder/,
    );
  });
});
