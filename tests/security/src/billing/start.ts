import { createTestDatabase } from '@guild/db/testing';
import { createServer } from '@guild/billing/server';
import { customer, expert, listenOnFreePort, testJwtSecret, tokenFor } from '@guild/testkit';
// The service's Stripe client, as its index.ts wires it; the package exports only `./server` from source.
import { createStripeClient } from '../../../../services/billing/src/stripe/client.js';
import { captureServerErrors } from '../server-log.js';
import { readOpenApiDocument, seedCaller, type ServiceUnderTest } from '../service-under-test.js';
import { homeCustomerId, otherCustomerId, seedBillingTenants } from './seed.js';

/** The billing app on a fresh database of its own, talking to the test servers' stripe-mock, with both tenants seeded. */
export async function startBilling(): Promise<ServiceUnderTest> {
  const db = await createTestDatabase();
  const log = captureServerErrors('billing');
  const stripe = createStripeClient('sk_test_security', process.env['STRIPE_API_URL'] ?? 'http://127.0.0.1:12111');
  const webhookSecret = 'whsec_security_0123456789abcdef';
  const app = createServer({ prisma: db.prisma, logger: log.logger, stripe, settings: { invoiceDaysUntilDue: 7, webhookSecret }, jwtSecret: testJwtSecret, readiness: {} });
  const { baseUrl, close: closeServer } = await listenOnFreePort(app);
  const document = await readOpenApiDocument(baseUrl);
  const sign = tokenFor;
  const people = {
    homeCustomer: await sign(customer(homeCustomerId)),
    otherCustomer: await sign(customer(otherCustomerId)),
    ops: await sign({ subject: 'ops-1', role: 'ops' }),
    service: await sign({ subject: 'temporal-worker', role: 'service' }),
  };
  const home = await seedBillingTenants(seedCaller(baseUrl), people);
  return {
    name: 'billing',
    baseUrl,
    document,
    prisma: db.prisma,
    schemas: ['billing', 'platform'],
    home,
    foreignTokens: { 'foreign customer': people.otherCustomer, 'foreign expert': await sign(expert('other-expert')) },
    // Billing serves no expert: the home expert's token is there to be refused on every route.
    roleTokens: { customer: people.homeCustomer, expert: await sign(expert('home-expert')), ops: people.ops, service: people.service },
    sign,
    lastServerError: log.lastError,
    logLines: log.lines,
    secrets: () => [...Object.values(people), webhookSecret],
    async close() {
      await closeServer();
      await db.drop();
    },
  };
}
