import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import { createLogger } from '@guild/platform';
import { callerAs, customer, ops, service, testJwtSecret } from '@guild/testkit';
import Stripe from 'stripe';
import supertest from 'supertest';
import type { BillingDeps } from '../domain/billing-deps.js';
import { createServer } from '../server.js';
import { createStripeClient } from '../stripe/client.js';
import { startStripeProxy } from './stripe-proxy.js';

export const webhookSecret = 'whsec_billing_test_0123456789';

/**
 * Test support (not loaded by the service): the billing app on a fresh database (or on `shared`,
 * beside other services, which it then leaves in place), talking to stripe-mock through a
 * counting proxy.
 */
export async function startBillingApp(shared?: TestDatabase) {
  const db = shared ?? (await createTestDatabase());
  const stripeProxy = await startStripeProxy();
  const stripe = createStripeClient('sk_test_billing', stripeProxy.url);
  const settings = { invoiceDaysUntilDue: 7, webhookSecret };
  const deps: BillingDeps = { prisma: db.prisma, stripe, settings, eventsRecorded: () => {} };
  const app = createServer({ prisma: db.prisma, logger: createLogger('billing-test', 'silent'), stripe, settings, jwtSecret: testJwtSecret, readiness: {} });
  return {
    db,
    app,
    deps,
    stripeProxy,
    as: callerAs(app),
    anonymous: supertest(app),
    async close() {
      await stripeProxy.close();
      if (!shared) await db.drop();
    },
  };
}
export type BillingApp = Awaited<ReturnType<typeof startBillingApp>>;

export const acme = customer('acme');
export const globex = customer('globex');
export { ops, service };

/** A Stripe event as Stripe would post it, signed with the test secret. */
export function signedStripeEvent(type: string, object: Record<string, unknown>, id = `evt_${crypto.randomUUID().replaceAll('-', '')}`) {
  const payload = JSON.stringify({ id, object: 'event', type, api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), data: { object } });
  const signature = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
  return { id, payload, signature };
}

export async function postWebhook(billing: BillingApp, event: { payload: string; signature: string }) {
  return billing.anonymous.post('/stripe/webhook').set('content-type', 'application/json').set('stripe-signature', event.signature).send(event.payload);
}

/** Stripe shows the invoice paid, then tells billing so. */
export async function stripePaysInvoice(billing: BillingApp, stripeInvoiceId: string) {
  billing.stripeProxy.show(stripeInvoiceId, { status: 'paid', status_transitions: { paid_at: Math.floor(Date.now() / 1000) } });
  const res = await postWebhook(billing, signedStripeEvent('invoice.paid', { id: stripeInvoiceId, object: 'invoice' }));
  if (res.status !== 200) throw new Error(`the invoice.paid webhook answered ${res.status}`);
  return res;
}

/**
 * The ledger's invariant, read through the API: the balance it shows and the sum of every entry
 * the ledger lists (null for a customer without a plan).
 */
export async function balanceAndLedgerSum(billing: BillingApp, customerId: string): Promise<{ balance: number; ledgerSum: number } | null> {
  const accounts = await billing.db.prisma.billingAccount.findMany({ where: { customerId } });
  if (accounts.length === 0) return null;
  let sum = 0;
  let cursor: string | null = null;
  do {
    const page: supertest.Response = await billing.as(ops).get(`/customers/${customerId}/ledger?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    if (page.status !== 200) throw new Error(`the ledger answered ${page.status}`);
    for (const entry of page.body.items as { amountCents: number }[]) sum += entry.amountCents;
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  const balance = await billing.as(ops).get(`/customers/${customerId}/balance`);
  return { balance: balance.body.balanceCents as number, ledgerSum: sum };
}
export { drawApprovedWork } from '../domain/draw-approved-work.js';
export { startApprovedWorkConsumer } from '../consumers/draw-approved-work.js';
export type { BillingDeps } from '../domain/billing-deps.js';
