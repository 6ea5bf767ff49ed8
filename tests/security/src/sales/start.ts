import { randomUUID } from 'node:crypto';
import { paymentReceived } from '@guild/contracts';
import { createServer } from '@guild/sales/server';
import { testJwtSecret } from '@guild/testkit';
// Payments reach sales only as billing's events, through this consumer.
import { bookCommissions } from '../../../../services/sales/src/consumers/commissions.js';
import type { ServiceUnderTest } from '../service-under-test.js';
import { startSeededService } from '../start-seeded-service.js';
import { seedSalesTenants } from './seed.js';

/** The sales app on a fresh database of its own, commissions maturing at once, with both experts seeded. Sales serves no customer. */
export function startSales(): Promise<ServiceUnderTest> {
  return startSeededService({
    name: 'sales',
    createApp: (db, logger) => createServer({ prisma: db.prisma, logger, jwtSecret: testJwtSecret, readiness: {}, publicUrl: 'http://127.0.0.1:9' }),
    seed: (call, people, db) => {
      // A refund window of none: the home expert's commission can be released while seeding.
      const book = bookCommissions(db.prisma, 0);
      const pay = async (customerId: string) => {
        const invoiceId = randomUUID();
        const payload = { invoiceId, customerId, kind: 'period', period: '2026-11', amountCents: 40_000, currency: 'USD', stripeInvoiceId: 'in_home', paidAt: new Date().toISOString() };
        await book({ id: randomUUID(), version: 1, source: 'billing', occurredAt: new Date().toISOString(), subject: paymentReceived.subject, payload });
        return invoiceId;
      };
      return seedSalesTenants(call, people, pay);
    },
  });
}
