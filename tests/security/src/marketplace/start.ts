import { createTestDatabase } from '@guild/db/testing';
import { createServer } from '@guild/marketplace/server';
import { customer, expert, listenOnFreePort, testJwtSecret, tokenFor } from '@guild/testkit';
import { captureServerErrors } from '../server-log.js';
import { readOpenApiDocument, seedCaller, type ServiceUnderTest } from '../service-under-test.js';
import { homeCustomerId, homeExpertId, otherCustomerId, otherExpertId, seedMarketplaceTenants } from './seed.js';

/** The marketplace on a fresh database of its own, listening on a free port, with both tenants seeded. */
export async function startMarketplace(): Promise<ServiceUnderTest> {
  const db = await createTestDatabase();
  const log = captureServerErrors('marketplace');
  const app = createServer({
    prisma: db.prisma,
    logger: log.logger,
    jwtSecret: testJwtSecret,
    readiness: {},
    settings: { expertMailDomain: 'experts.test', projectsPublicUrl: 'http://127.0.0.1:9' },
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
  const home = await seedMarketplaceTenants(seedCaller(baseUrl), people);
  return {
    name: 'marketplace',
    baseUrl,
    document,
    prisma: db.prisma,
    schemas: ['marketplace', 'platform'],
    home,
    foreignTokens: { 'foreign customer': people.otherCustomer, 'foreign expert': await sign(expert(otherExpertId)) },
    roleTokens: { customer: people.homeCustomer, expert: people.homeExpert, ops: people.ops, service: people.service },
    sign,
    lastServerError: log.lastError,
    logLines: log.lines,
    secrets: () => Object.values(people),
    async close() {
      await closeServer();
      await db.drop();
    },
  };
}
