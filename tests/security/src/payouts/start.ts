import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@guild/db/testing';
import { createServer } from '@guild/payouts/server';
import { createLogger } from '@guild/platform';
import { customer, expert, listenOnFreePort, testJwtSecret, tokenFor } from '@guild/testkit';
// Approved hours reach payouts only as projects' events; its test kit reads `acct_verified…` as verified.
import { stripeMockWithVerifiedAccounts } from '../../../../services/payouts/test/payouts-app.js';
import { handleApprovedHours } from '../../../../services/payouts/src/consumers/approved-hours.js';
import { captureServerErrors } from '../server-log.js';
import { readOpenApiDocument, seedCaller, type ServiceUnderTest } from '../service-under-test.js';
import { homeExpertId, otherExpertId, seedPayoutsTenants } from './seed.js';

/** The payouts app on a fresh database of its own, talking to the test servers' stripe-mock, with both experts seeded. */
export async function startPayouts(): Promise<ServiceUnderTest> {
  const db = await createTestDatabase();
  const log = captureServerErrors('payouts');
  const stripe = stripeMockWithVerifiedAccounts();
  const listed = new Set([homeExpertId, otherExpertId]);
  const app = createServer({
    prisma: db.prisma,
    logger: log.logger,
    jwtSecret: testJwtSecret,
    readiness: {},
    stripe,
    listing: async (expertId) => (listed.has(expertId) ? null : 'you have no active expert listing'),
  });
  const { baseUrl, close: closeServer } = await listenOnFreePort(app);
  const document = await readOpenApiDocument(baseUrl);
  const sign = tokenFor;
  const people = {
    homeExpert: await sign(expert(homeExpertId)),
    otherExpert: await sign(expert(otherExpertId)),
    ops: await sign({ subject: 'ops-1', role: 'ops' }),
    service: await sign({ subject: 'temporal-worker', role: 'service' }),
  };
  const approvedByProjects = handleApprovedHours(db.prisma, stripe, createLogger('payouts-security', 'silent'));
  // Two hours at $50 of a home-co project, approved in the cycle, as projects publishes them.
  const approve = async (expertId: string) => {
    const timeEntryId = randomUUID();
    const day = '2026-11-20';
    const payload = { timeEntryId, projectId: randomUUID(), customerId: 'home-co', expertId, minutes: 120, customerRateCents: 8_000, expertRateCents: 5_000, currency: 'USD', day, approvedAt: `${day}T10:00:00Z` };
    await approvedByProjects({ payload });
    return timeEntryId;
  };
  const home = await seedPayoutsTenants(seedCaller(baseUrl), people, approve);
  return {
    name: 'payouts',
    baseUrl,
    document,
    prisma: db.prisma,
    schemas: ['payouts', 'platform'],
    home,
    foreignTokens: { 'foreign customer': await sign(customer('other-co')), 'foreign expert': people.otherExpert },
    // Payouts serves no customer: the home customer's token is there to be refused on every route.
    roleTokens: { customer: await sign(customer('home-co')), expert: people.homeExpert, ops: people.ops, service: people.service },
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
