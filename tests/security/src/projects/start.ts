import { createTestDatabase } from '@guild/db/testing';
import { createServer } from '@guild/projects/server';
import { customer, expert, listenOnFreePort, testJwtSecret, tokenFor } from '@guild/testkit';
import { captureServerErrors } from '../server-log.js';
import { readOpenApiDocument, seedCaller, type ServiceUnderTest } from '../service-under-test.js';
import { homeCustomerId, homeExpertId, otherCustomerId, otherExpertId, seedProjectsTenants } from './seed.js';

/** The projects app on a fresh database of its own, listening on a free port, with both tenants seeded. */
export async function startProjects(): Promise<ServiceUnderTest> {
  const db = await createTestDatabase();
  const log = captureServerErrors('projects');
  const app = createServer({
    prisma: db.prisma,
    logger: log.logger,
    jwtSecret: testJwtSecret,
    readiness: {},
    settings: { rescheduleNoticeHours: 12, npsLinkKey: 'nps-security-key-0123456789abcdef0123', publicUrl: 'http://127.0.0.1:9' },
  });
  const { baseUrl, close: closeServer } = await listenOnFreePort(app);
  const document = await readOpenApiDocument(baseUrl);
  const sign = tokenFor;
  const people = {
    homeCustomer: await sign(customer(homeCustomerId)),
    homeExpert: await sign(expert(homeExpertId)),
    otherCustomer: await sign(customer(otherCustomerId)),
    ops: await sign({ subject: 'ops-1', role: 'ops' }),
    service: await sign({ subject: 'temporal-worker', role: 'service' }),
  };
  const home = await seedProjectsTenants(seedCaller(baseUrl), people);
  return {
    name: 'projects',
    baseUrl,
    document,
    prisma: db.prisma,
    schemas: ['projects', 'platform'],
    home,
    foreignTokens: { 'foreign customer': people.otherCustomer, 'foreign expert': await sign(expert(otherExpertId)) },
    roleTokens: { customer: people.homeCustomer, expert: people.homeExpert, ops: people.ops, service: people.service },
    sign,
    lastServerError: log.lastError,
    logLines: log.lines,
    secrets: () => Object.values(people).filter((v) => v.length >= 16),
    async close() {
      await closeServer();
      await db.drop();
    },
  };
}
