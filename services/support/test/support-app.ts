import { createTestDatabase } from '@guild/db/testing';
import { createLogger } from '@guild/platform';
import { callerAs, testJwtSecret } from '@guild/testkit';
import supertest from 'supertest';
import { createServer } from '../src/server.js';

export { customer, expert, ops, service } from '@guild/testkit';

/** The support app on a fresh database of its own, and `as(principal)` to call it as someone. */
export async function startSupportApp(options: Pick<Parameters<typeof createServer>[0], 'submissionsPerHour'> = {}) {
  const db = await createTestDatabase();
  const app = createServer({
    prisma: db.prisma,
    logger: createLogger('support-test', 'silent'),
    jwtSecret: testJwtSecret,
    readiness: {},
    ...options,
  });
  return { db, app, as: callerAs(app), anonymous: supertest(app) };
}
