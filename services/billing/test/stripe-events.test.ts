import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acme, balanceAndLedgerSum, ops, postWebhook, service, signedStripeEvent, startBillingApp, stripePaysInvoice, type BillingApp } from '../src/testing/billing-app.js';
import { drawApprovedWork } from '../src/domain/draw-approved-work.js';
import { periodContaining } from '../src/domain/periods.js';

// Payments Stripe reports other than invoice.paid, and the daily comparison of the ledger with Stripe.
let billing: BillingApp;
beforeAll(async () => {
  billing = await startBillingApp();
});
afterEach(async () => {
  const invariant = await balanceAndLedgerSum(billing, 'acme');
  if (invariant) expect(invariant.balance).toBe(invariant.ledgerSum);
});
afterAll(async () => {
  await billing?.close();
});

const balance = async () => (await billing.as(acme).get('/customers/acme/balance')).body.balanceCents as number;
const ledger = async () => (await billing.as(acme).get('/customers/acme/ledger?limit=100')).body.items as { kind: string; amountCents: number; invoiceId: string | null }[];

describe('payment_intent.succeeded', () => {
  it("credits a deposit paid through its payment intent once, from the intent as Stripe shows it", async () => {
    expect((await billing.as(ops).put('/customers/acme/plan', { plan: 'deposit', cadence: 'monthly', depositCents: 30_000 })).status).toBe(200);
    const deposit = (await billing.as(acme).get('/customers/acme/invoices')).body.items[0] as { id: string; stripeInvoiceId: string; kind: string };
    expect(deposit.kind).toBe('deposit');

    // Stripe has not settled it yet: the event is only a hint, so nothing is credited.
    billing.stripeProxy.show('pi_deposit_pending', { status: 'processing', metadata: { guild_invoice_id: deposit.id } });
    const early = await postWebhook(billing, signedStripeEvent('payment_intent.succeeded', { id: 'pi_deposit_pending', object: 'payment_intent' }));
    expect(early.status).toBe(200);
    expect(await balance()).toBe(0);

    billing.stripeProxy.show('pi_deposit', { status: 'succeeded', metadata: { guild_invoice_id: deposit.id } });
    const event = signedStripeEvent('payment_intent.succeeded', { id: 'pi_deposit', object: 'payment_intent' });
    expect((await postWebhook(billing, event)).body).toEqual({ received: true, duplicate: false });
    expect((await postWebhook(billing, event)).body).toEqual({ received: true, duplicate: true });
    // The invoice.paid Stripe also sends for the same payment books nothing more.
    await stripePaysInvoice(billing, deposit.stripeInvoiceId);

    expect(await balance()).toBe(30_000);
    expect((await ledger()).filter((e) => e.invoiceId === deposit.id)).toEqual([expect.objectContaining({ kind: 'deposit_paid', amountCents: 30_000 })]);
    const received = await billing.db.prisma.outboxEvent.count({ where: { subject: 'billing.payment.received', payload: { path: ['invoiceId'], equals: deposit.id } } });
    expect(received).toBe(1);
  });

  it('ignores a payment that is not for a Guild invoice', async () => {
    billing.stripeProxy.show('pi_elsewhere', { status: 'succeeded', metadata: {} });
    const event = signedStripeEvent('payment_intent.succeeded', { id: 'pi_elsewhere', object: 'payment_intent' });
    expect((await postWebhook(billing, event)).status).toBe(200);
    const inbox = await billing.db.prisma.billingWebhookEvent.findUniqueOrThrow({ where: { eventId: event.id } });
    expect(inbox.outcome).toBe('ignored: the payment is not for a Guild invoice');
  });
});

describe('charge.refunded', () => {
  it('takes refunded money off the balance once per refunded amount, partial refunds adding up', async () => {
    const before = await balance();
    const deposit = await billing.db.prisma.billingInvoice.findFirstOrThrow({ where: { customerId: 'acme', kind: 'deposit', status: 'paid' } });

    billing.stripeProxy.show('ch_deposit', { amount_refunded: 5_000, metadata: { guild_invoice_id: deposit.id } });
    const partial = signedStripeEvent('charge.refunded', { id: 'ch_deposit', object: 'charge' });
    await postWebhook(billing, partial);
    await postWebhook(billing, partial);
    // Stripe redelivers under a new event id: the same refunded amount books nothing.
    await postWebhook(billing, signedStripeEvent('charge.refunded', { id: 'ch_deposit', object: 'charge' }));
    expect(await balance()).toBe(before - 5_000);

    billing.stripeProxy.show('ch_deposit', { amount_refunded: 12_000 });
    await postWebhook(billing, signedStripeEvent('charge.refunded', { id: 'ch_deposit', object: 'charge' }));
    expect(await balance()).toBe(before - 12_000);
    expect((await ledger()).filter((e) => e.kind === 'refund').map((e) => e.amountCents)).toEqual([-5_000, -7_000]);
  });
});

describe('reconciliation', () => {
  /** Stripe shows each issued invoice as billing booked it. */
  async function stripeAgreesWithLedger() {
    for (const invoice of await billing.db.prisma.billingInvoice.findMany({ where: { stripeInvoiceId: { not: null } } })) {
      billing.stripeProxy.show(invoice.stripeInvoiceId!, { amount_due: invoice.amountCents, status: invoice.status === 'paid' ? 'paid' : 'open' });
    }
  }

  it('finds nothing to report when Stripe shows what the ledger holds, and mails ops every difference when it does not', async () => {
    // A period invoice, open, beside the paid deposit.
    for (let i = 0; i < 4; i++) {
      await drawApprovedWork(billing.deps, { timeEntryId: crypto.randomUUID(), projectId: crypto.randomUUID(), customerId: 'acme', expertId: 'alice', minutes: 60, customerRateCents: 10_000, expertRateCents: 6_000, currency: 'USD', day: new Date().toISOString().slice(0, 10), approvedAt: new Date().toISOString() });
    }
    const { period, start, end } = periodContaining('monthly', new Date());
    const statement = (await billing.as(service).post('/customers/acme/statements', { period, periodStart: start.toISOString(), periodEnd: end.toISOString() })).body as { id: string };
    const drafted = (await billing.as(service).post(`/statements/${statement.id}/invoice`, { idempotencyKey: `reconcile-${period}:invoice` })).body as { id: string };
    expect((await billing.as(service).post(`/invoices/${drafted.id}/issue`, { idempotencyKey: `reconcile-${period}:issue` })).body.status).toBe('open');

    await stripeAgreesWithLedger();
    const clean = await billing.as(service).post('/reconciliation');
    expect(clean.status).toBe(200);
    expect(clean.body.checkedInvoices).toBe(2);
    expect(clean.body.differences).toEqual([]);
    expect(await billing.db.prisma.outboundMail.count({ where: { template: 'billing.reconciliation' } })).toBe(0);

    // Stripe took a payment billing never heard of, and shows another invoice for a different amount.
    const periodInvoice = await billing.db.prisma.billingInvoice.findUniqueOrThrow({ where: { id: drafted.id } });
    const deposit = await billing.db.prisma.billingInvoice.findFirstOrThrow({ where: { customerId: 'acme', kind: 'deposit', status: 'paid' } });
    billing.stripeProxy.show(periodInvoice.stripeInvoiceId!, { status: 'paid' });
    billing.stripeProxy.show(deposit.stripeInvoiceId!, { amount_due: deposit.amountCents + 1 });
    const differing = await billing.as(service).post('/reconciliation');
    expect(differing.body.differences).toEqual(
      expect.arrayContaining([
        { invoiceId: periodInvoice.id, stripeInvoiceId: periodInvoice.stripeInvoiceId, problem: 'unpaid here, paid at Stripe' },
        { invoiceId: deposit.id, stripeInvoiceId: deposit.stripeInvoiceId, problem: `amount ${deposit.amountCents} here, ${deposit.amountCents + 1} at Stripe` },
      ]),
    );
    expect(differing.body.differences).toHaveLength(2);
    const [alert] = await billing.db.prisma.outboundMail.findMany({ where: { template: 'billing.reconciliation' } });
    expect(alert!.recipients).toEqual([{ kind: 'ops' }]);
    expect((alert!.data as { differences: unknown[] }).differences).toHaveLength(2);
  });

  it('is the billing process\'s call only', async () => {
    expect((await billing.as(acme).post('/reconciliation')).status).toBe(403);
  });
});
