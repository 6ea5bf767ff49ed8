import { randomUUID } from 'node:crypto';
import { createServer } from '@guild/payouts/server';
import { createLogger } from '@guild/platform';
import { testJwtSecret } from '@guild/testkit';
// Approved hours reach payouts only as projects' events; its test kit reads `acct_verified…` as verified.
import { stripeMockWithVerifiedAccounts } from '../../../../services/payouts/test/payouts-app.js';
import { handleApprovedHours } from '../../../../services/payouts/src/consumers/approved-hours.js';
import type { ServiceUnderTest } from '../service-under-test.js';
import { startSeededService } from '../start-seeded-service.js';
import { homeExpertId, otherExpertId, seedPayoutsTenants } from './seed.js';

/** The payouts app on a fresh database of its own, talking to the test servers' stripe-mock, with both experts seeded. Payouts serves no customer. */
export function startPayouts(): Promise<ServiceUnderTest> {
  const stripe = stripeMockWithVerifiedAccounts();
  const listed = new Set([homeExpertId, otherExpertId]);
  return startSeededService({
    name: 'payouts',
    createApp: (db, logger) =>
      createServer({
        prisma: db.prisma,
        logger,
        jwtSecret: testJwtSecret,
        readiness: {},
        stripe,
        listing: async (expertId) => (listed.has(expertId) ? null : 'you have no active expert listing'),
      }),
    seed: (call, people, db) => {
      const approvedByProjects = handleApprovedHours(db.prisma, stripe, createLogger('payouts-security', 'silent'));
      // Two hours at $50 of a home-co project, approved in the cycle, as projects publishes them.
      const approve = async (expertId: string) => {
        const timeEntryId = randomUUID();
        const day = '2026-11-20';
        const payload = { timeEntryId, projectId: randomUUID(), customerId: 'home-co', expertId, minutes: 120, customerRateCents: 8_000, expertRateCents: 5_000, currency: 'USD', day, approvedAt: `${day}T10:00:00Z` };
        await approvedByProjects({ payload });
        return timeEntryId;
      };
      return seedPayoutsTenants(call, people, approve);
    },
  });
}
