import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opsAuditTrail } from '../src/index.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const rowsOf = (actor: string) => db.prisma.opsAuditEntry.findMany({ where: { actor } });

describe('ops audit trail', () => {
  it('each call returns only once its row is in the service’s table, calls arriving together included', async () => {
    const audit = opsAuditTrail(db.prisma, 'support');
    const targets = Array.from({ length: 6 }, (_, i) => ({ id: `query-${i}` }));
    await Promise.all(
      targets.map(async (target) => {
        await audit({ actor: 'ops-together', action: 'GET /queries/:id', target });
        const row = await db.prisma.opsAuditEntry.findFirst({ where: { actor: 'ops-together', target: JSON.stringify(target) } });
        expect(row).toMatchObject({ action: 'GET /queries/:id' });
      }),
    );
    expect(await rowsOf('ops-together')).toHaveLength(6);
  });

  it('a call whose row cannot be written fails instead of passing unaudited; the next call is written', async () => {
    const audit = opsAuditTrail(db.prisma, 'support');
    // PostgreSQL refuses NUL characters in text.
    await expect(audit({ actor: 'ops-\u0000', action: 'GET /queries/:id', target: { id: 'query-1' } })).rejects.toThrow();
    await audit({ actor: 'ops-after-failure', action: 'GET /queries/:id', target: { id: 'query-1' } });
    expect(await rowsOf('ops-after-failure')).toHaveLength(1);
  });

  it('takes only a plain schema name, as it goes into the SQL', () => {
    expect(() => opsAuditTrail(db.prisma, 'support"; DROP SCHEMA support; --')).toThrow('is not a schema name');
  });
});
