import { appendFile, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyMigrationsFolder } from '../../test/scratch.js';
import { schemaPath } from '../paths.js';
import { writeNextMigration } from './write-next-migration.js';

let migrations: Awaited<ReturnType<typeof copyMigrationsFolder>>;
let schemaCopy: string;

beforeEach(async () => {
  migrations = await copyMigrationsFolder();
  schemaCopy = path.join(await mkdtemp(path.join(tmpdir(), 'guild-schema-')), 'schema.prisma');
  await cp(schemaPath, schemaCopy);
});

afterEach(async () => {
  await migrations.remove();
  await rm(path.dirname(schemaCopy), { recursive: true, force: true });
});

describe('writeNextMigration', () => {
  it('writes nothing when the schema has not changed since the last migration', async () => {
    const before = await readdir(migrations.dir);

    const folder = await writeNextMigration({ name: 'nothing', migrationsDir: migrations.dir, schemaPath: schemaCopy, at: new Date() });

    expect(folder).toBeNull();
    expect(await readdir(migrations.dir)).toEqual(before);
  });

  it('turns a schema change into the next migration folder and moves the snapshot forward', async () => {
    await appendFile(schemaCopy, '\nmodel Audit {\n  id Int @id\n\n  @@map("audit")\n  @@schema("platform")\n}\n');

    const folder = await writeNextMigration({
      name: 'add audit',
      migrationsDir: migrations.dir,
      schemaPath: schemaCopy,
      at: new Date('2099-01-02T03:04:05Z'),
    });

    expect(folder).toBe(path.join(migrations.dir, '20990102030405_add_audit'));
    const sql = await readFile(path.join(folder!, 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "platform"."audit"');
    expect(sql).not.toContain('outbox_event');
    expect(await readFile(path.join(migrations.dir, 'schema.snapshot.prisma'), 'utf8')).toBe(await readFile(schemaCopy, 'utf8'));
  });
});
