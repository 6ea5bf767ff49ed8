import { randomUUID } from 'node:crypto';
import { paymentReceived } from '@guild/contracts';
import { createTestDatabase } from '@guild/db/testing';
import { createServer } from '@guild/sales/server';
import { customer, expert, listenOnFreePort, testJwtSecret, tokenFor } from '@guild/testkit';
// Payments reach sales only as billing's events, through this consumer.
import { bookCommissions } from '../../../../services/sales/src/consumers/commissions.js';
import { captureServerErrors } from '../server-log.js';
import { readOpenApiDocument, seedCaller, type ServiceUnderTest } from '../service-under-test.js';
import { homeExpertId, otherExpertId, seedSalesTenants } from './seed.js';

/** The sales app on a fresh database of its own, commissions maturing at once, with both experts seeded. */
export async function startSales(): Promise<ServiceUnderTest> {
  const db = await createTestDatabase();
  const log = captureServerErrors('sales');
  const app = createServer({ prisma: db.prisma, logger: log.logger, jwtSecret: testJwtSecret, readiness: {}, publicUrl: 'http://127.0.0.1:9' });
  const { baseUrl, close: closeServer } = await listenOnFreePort(app);
  const document = await readOpenApiDocument(baseUrl);
  // A refund window of none: the home expert's commission can be released while seeding.
  const book = bookCommissions(db.prisma, 0);
  const pay = async (customerId: string) => {
    const invoiceId = randomUUID();
    const payload = { invoiceId, customerId, kind: 'period', period: '2026-11', amountCents: 40_000, currency: 'USD', stripeInvoiceId: 'in_home', paidAt: new Date().toISOString() };
    await book({ id: randomUUID(), version: 1, source: 'billing', occurredAt: new Date().toISOString(), subject: paymentReceived.subject, payload });
    return invoiceId;
  };
  const sign = tokenFor;
  const people = {
    homeExpert: await sign(expert(homeExpertId)),
    otherExpert: await sign(expert(otherExpertId)),
    ops: await sign({ subject: 'ops-1', role: 'ops' }),
    service: await sign({ subject: 'temporal-worker', role: 'service' }),
  };
  const home = await seedSalesTenants(seedCaller(baseUrl), people, pay);
  return {
    name: 'sales',
    baseUrl,
    document,
    prisma: db.prisma,
    schemas: ['sales', 'platform'],
    home,
    foreignTokens: { 'foreign customer': await sign(customer('other-co')), 'foreign expert': people.otherExpert },
    // Sales serves no customer: the home customer's token is there to be refused on every route.
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
