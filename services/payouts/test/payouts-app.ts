import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@guild/db/testing';
import { createLogger } from '@guild/platform';
import { callerAs, expert, ops, service, testJwtSecret } from '@guild/testkit';
import { expect } from 'vitest';
import { handleApprovedHours } from '../src/consumers/approved-hours.js';
import { effectOf } from '../src/domain/ledger.js';
import { createServer } from '../src/server.js';
import { stripeConnect, type StripeConnect } from '../src/stripe/connect.js';

/**
 * stripe-mock answers every account with payouts disabled and requirements due (it is stateless),
 * which is what an unverified account looks like. A verified account cannot exist there, so
 * accounts named `acct_verified…` are read as verified here; transfers always go to stripe-mock.
 */
export function stripeMockWithVerifiedAccounts(overrides: Partial<StripeConnect> = {}): StripeConnect {
  const apiUrl = process.env.STRIPE_API_URL;
  if (!apiUrl) throw new Error('STRIPE_API_URL is not set: run the suite with `npm run test:one`, which starts stripe-mock');
  const mock = stripeConnect({ secretKey: 'sk_test_payouts', apiUrl });
  return {
    readAccount: async (id) => (id.startsWith('acct_verified') ? { payoutsEnabled: true, missing: [], disabledReason: null } : mock.readAccount(id)),
    transfer: mock.transfer,
    ...overrides,
  };
}

/** The payouts app on a fresh database, with identity knowing the experts in `listed`. */
export async function startPayoutsApp(opts: { stripe?: StripeConnect; listed?: string[] } = {}) {
  const db = await createTestDatabase();
  const stripe = opts.stripe ?? stripeMockWithVerifiedAccounts();
  const listed = new Set(opts.listed ?? ['alice', 'bob', 'carol']);
  const app = createServer({
    prisma: db.prisma,
    logger: createLogger('payouts-test', 'silent'),
    jwtSecret: testJwtSecret,
    readiness: {},
    stripe,
    listing: async (expertId) => (listed.has(expertId) ? null : 'you have no active expert listing'),
  });
  const approve = handleApprovedHours(db.prisma, stripe, createLogger('payouts-test', 'silent'));
  return { db, app, as: callerAs(app), approve };
}
export type PayoutsApp = Awaited<ReturnType<typeof startPayoutsApp>>;

export const alice = expert('alice');
export const bob = expert('bob');
export { ops, service };

/** One approved time entry, as projects publishes it. */
export async function approvedHours(payouts: PayoutsApp, expertId: string, minutes: number, expertRateCents: number, approvedAt = '2026-11-20T10:00:00Z') {
  const timeEntryId = randomUUID();
  await payouts.approve({
    payload: {
      timeEntryId,
      projectId: randomUUID(),
      customerId: 'acme',
      expertId,
      minutes,
      customerRateCents: expertRateCents + 3000,
      expertRateCents,
      currency: 'USD',
      day: approvedAt.slice(0, 10),
      approvedAt,
    },
  });
  return timeEntryId;
}

/** An expert with a verified connected account and `cents` credited by the cycle closing 2026-11-30. */
export async function expertWithBalance(payouts: PayoutsApp, expertId: string, minutes = 120, rateCents = 5000) {
  const account = await payouts.as(ops).put(`/experts/${expertId}/payout-account`, { kind: 'stripe_connect', stripeAccountId: `acct_verified${expertId}` });
  expect(account.status).toBe(200);
  await approvedHours(payouts, expertId, minutes, rateCents);
  expect((await payouts.as(service).post(`/payout-cycles/2026-11-30/experts/${expertId}/credits`)).status).toBe(200);
}

/**
 * The ledger's invariants for an expert: the balance the service answers equals the sums of its
 * entries computed here, held is what open requests hold, and nothing is held below zero.
 */
export async function expectLedgerInvariants(payouts: PayoutsApp, expertId: string) {
  const entries = await payouts.db.prisma.ledgerEntry.findMany({ where: { expertId } });
  const sums = entries.reduce((s, e) => ({ available: s.available + effectOf(e).available, held: s.held + effectOf(e).held }), { available: 0, held: 0 });
  const total = entries.reduce((sum, e) => sum + (['payout_paid'].includes(e.kind) ? -e.amountCents : e.kind === 'adjustment' && e.negative ? -e.amountCents : ['payout_held', 'payout_released'].includes(e.kind) ? 0 : e.amountCents), 0);
  const balance = (await payouts.as(ops).get(`/experts/${expertId}/balance`)).body;
  expect(balance.availableCents + balance.heldCents).toBe(total);
  expect({ available: balance.availableCents, held: balance.heldCents }).toEqual(sums);
  const open = await payouts.db.prisma.payoutRequest.aggregate({ where: { expertId, status: { in: ['held', 'awaiting_manual_transfer', 'needs_review'] } }, _sum: { amountCents: true } });
  expect(balance.heldCents).toBe(open._sum.amountCents ?? 0);
  expect(balance.heldCents).toBeGreaterThanOrEqual(0);
}
