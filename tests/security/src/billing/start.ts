import { createServer } from '@guild/billing/server';
import { testJwtSecret } from '@guild/testkit';
// The service's Stripe client, as its index.ts wires it; the package exports only `./server` from source.
import { createStripeClient } from '../../../../services/billing/src/stripe/client.js';
import type { ServiceUnderTest } from '../service-under-test.js';
import { startSeededService } from '../start-seeded-service.js';
import { seedBillingTenants } from './seed.js';

const webhookSecret = 'whsec_security_0123456789abcdef';

/** The billing app on a fresh database of its own, talking to the test servers' stripe-mock, with both tenants seeded. Billing serves no expert. */
export function startBilling(): Promise<ServiceUnderTest> {
  const stripe = createStripeClient('sk_test_security', process.env['STRIPE_API_URL'] ?? 'http://127.0.0.1:12111');
  return startSeededService({
    name: 'billing',
    createApp: (db, logger) =>
      createServer({ prisma: db.prisma, logger, stripe, settings: { invoiceDaysUntilDue: 7, webhookSecret }, jwtSecret: testJwtSecret, readiness: {} }),
    seed: (call, people) => seedBillingTenants(call, people),
    secrets: [webhookSecret],
  });
}
