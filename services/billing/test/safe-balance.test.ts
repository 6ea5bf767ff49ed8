import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drawApprovedWork } from '../src/domain/draw-approved-work.js';
import { periodContaining } from '../src/domain/periods.js';
import { acme, balanceAndLedgerSum, globex, ops, postWebhook, service, signedStripeEvent, startBillingApp, stripePaysInvoice, type BillingApp } from '../src/testing/billing-app.js';

let billing: BillingApp;
beforeAll(async () => {
  billing = await startBillingApp();
});
afterEach(async () => {
  for (const customerId of ['acme', 'globex', 'initech']) {
    const invariant = await balanceAndLedgerSum(billing, customerId);
    if (invariant) expect(invariant.balance).toBe(invariant.ledgerSum);
  }
});
afterAll(async () => {
  await billing?.close();
});

const approved = (customerId: string, minutes: number, customerRateCents: number, approvedAt = new Date()) => ({
  timeEntryId: randomUUID(),
  projectId: randomUUID(),
  customerId,
  expertId: 'alice',
  minutes,
  customerRateCents,
  expertRateCents: 3_000,
  currency: 'USD' as const,
  day: approvedAt.toISOString().slice(0, 10),
  approvedAt: approvedAt.toISOString(),
});

const balanceOf = async (customerId: string) => (await billing.as(ops).get(`/customers/${customerId}/balance`)).body as { balanceCents: number; openInvoicesCents: number };

describe("the seeds' example: a $300 deposit and $500 of approved work", () => {
  it('credits the deposit only when Stripe confirms it, draws each approval live, and invoices exactly $200', async () => {
    const plan = await billing.as(ops).put('/customers/acme/plan', { plan: 'deposit', cadence: 'monthly', depositCents: 30_000 });
    expect(plan.status).toBe(200);
    const [deposit] = (await billing.as(acme).get('/customers/acme/invoices')).body.items as { id: string; kind: string; status: string; amountCents: number; stripeInvoiceId: string }[];
    expect(deposit).toMatchObject({ kind: 'deposit', status: 'open', amountCents: 30_000 });
    expect((await balanceOf('acme')).balanceCents).toBe(0);

    await stripePaysInvoice(billing, deposit!.stripeInvoiceId);
    expect((await balanceOf('acme')).balanceCents).toBe(30_000);

    for (let hour = 1; hour <= 10; hour++) {
      await drawApprovedWork(billing.deps, approved('acme', 60, 5_000));
      expect((await balanceOf('acme')).balanceCents).toBe(30_000 - hour * 5_000);
    }
    const preview = await billing.as(acme).get('/customers/acme/invoice-preview');
    expect(preview.body).toMatchObject({ drawnCents: 50_000, drawnMinutes: 600, balanceCents: -20_000, overageCents: 20_000 });

    const { period, start, end } = periodContaining('monthly', new Date());
    const statement = await billing.as(service).post('/customers/acme/statements', { period, periodStart: start.toISOString(), periodEnd: end.toISOString() });
    expect(statement.body).toMatchObject({ drawnCents: 50_000, overageCents: 20_000, needsOpsApproval: false });
    const drafted = await billing.as(service).post(`/statements/${statement.body.id}/invoice`, { idempotencyKey: `billing-acme-${period}:invoice` });
    const issued = await billing.as(service).post(`/invoices/${drafted.body.id}/issue`, { idempotencyKey: `billing-acme-${period}:issue` });
    expect(issued.body).toMatchObject({ kind: 'period', status: 'open', amountCents: 20_000 });
    expect(await balanceOf('acme')).toEqual(expect.objectContaining({ balanceCents: 0, openInvoicesCents: 20_000 }));
  });

  it('closing, drafting and issuing the same period again changes nothing and calls Stripe no more', async () => {
    const { period, start, end } = periodContaining('monthly', new Date());
    const writesBefore = billing.stripeProxy.writes.length;
    const statement = await billing.as(service).post('/customers/acme/statements', { period, periodStart: start.toISOString(), periodEnd: end.toISOString() });
    await billing.as(service).post(`/statements/${statement.body.id}/invoice`, { idempotencyKey: `billing-acme-${period}:invoice` });
    await billing.as(service).post(`/invoices/${statement.body.invoiceId}/issue`, { idempotencyKey: `billing-acme-${period}:issue` });
    expect(billing.stripeProxy.writes.length).toBe(writesBefore);
    const periodInvoices = await billing.db.prisma.billingInvoice.count({ where: { customerId: 'acme', kind: 'period' } });
    expect(periodInvoices).toBe(1);
    expect(await billing.db.prisma.billingLedgerEntry.count({ where: { customerId: 'acme', kind: 'invoice_issued' } })).toBe(1);
  });

  it('paying the invoice settles it and announces billing.payment.received once, however often Stripe redelivers', async () => {
    const invoice = await billing.db.prisma.billingInvoice.findFirstOrThrow({ where: { customerId: 'acme', kind: 'period' } });
    billing.stripeProxy.show(invoice.stripeInvoiceId!, { status: 'paid', status_transitions: { paid_at: Math.floor(Date.now() / 1000) } });
    const event = signedStripeEvent('invoice.paid', { id: invoice.stripeInvoiceId, object: 'invoice' });
    const first = await postWebhook(billing, event);
    const replay = await postWebhook(billing, event);
    const sameInvoiceOtherEvent = await postWebhook(billing, signedStripeEvent('invoice.paid', { id: invoice.stripeInvoiceId, object: 'invoice' }));
    expect([first.body.duplicate, replay.body.duplicate, sameInvoiceOtherEvent.body.duplicate]).toEqual([false, true, false]);
    const received = await billing.db.prisma.outboxEvent.findMany({ where: { subject: 'billing.payment.received', payload: { path: ['invoiceId'], equals: invoice.id } } });
    expect(received).toHaveLength(1);
    expect(received[0]!.payload).toMatchObject({ customerId: 'acme', kind: 'period', amountCents: 20_000 });
    expect(await balanceOf('acme')).toEqual(expect.objectContaining({ balanceCents: 0, openInvoicesCents: 0 }));
  });
});

describe('bad input', () => {
  it('refuses a zero or negative deposit with 400', async () => {
    for (const depositCents of [0, -100]) {
      const res = await billing.as(ops).put('/customers/globex/plan', { plan: 'deposit', depositCents });
      expect(res.status).toBe(400);
    }
    expect((await billing.as(ops).put('/customers/globex/plan', { plan: 'deposit' })).status).toBe(400);
    expect((await billing.as(ops).put('/customers/globex/plan', { plan: 'pay_as_you_go' })).status).toBe(200);
    const topUp = await billing.as(globex).post('/customers/globex/deposits', { amountCents: 0 });
    expect(topUp.status).toBe(400);
  });

  it('answers 404 for the preview, balance or ledger of another company', async () => {
    for (const path of ['invoice-preview', 'balance', 'ledger', 'invoices']) {
      const res = await billing.as(globex).get(`/customers/acme/${path}`);
      expect(res.status).toBe(404);
    }
  });

  it('refuses an ops adjustment without a reason, and books one with a reason', async () => {
    expect((await billing.as(ops).post('/customers/globex/adjustments', { amountCents: 500 })).status).toBe(400);
    expect((await billing.as(ops).post('/customers/globex/adjustments', { amountCents: 500, reason: ' ' })).status).toBe(400);
    const booked = await billing.as(ops).post('/customers/globex/adjustments', { amountCents: 500, reason: 'goodwill credit for a late start' });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ kind: 'adjustment', amountCents: 500, reason: 'goodwill credit for a late start' });
  });

  it('refuses a webhook with a bad signature with 400 and changes nothing', async () => {
    const event = signedStripeEvent('invoice.paid', { id: 'in_forged', object: 'invoice' });
    const forged = await postWebhook(billing, { payload: event.payload.replace('in_forged', 'in_forgeD'), signature: event.signature });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('invalid_webhook');
    const unsigned = await billing.anonymous.post('/stripe/webhook').set('content-type', 'application/json').send(event.payload);
    expect(unsigned.status).toBe(400);
    expect(await billing.db.prisma.billingWebhookEvent.count({ where: { eventId: event.id } })).toBe(0);
  });

  it('acknowledges an unknown event type with 200 and ignores it', async () => {
    const event = signedStripeEvent('customer.updated', { id: 'cus_123', object: 'customer' });
    const res = await postWebhook(billing, event);
    expect(res.status).toBe(200);
    const inbox = await billing.db.prisma.billingWebhookEvent.findUniqueOrThrow({ where: { eventId: event.id } });
    expect(inbox.outcome).toBe('ignored: billing does not handle customer.updated');
  });

  it('parks approved hours of a customer without a plan for ops, and draws them when the plan is set', async () => {
    const entry = approved('initech', 90, 6_000);
    expect(await drawApprovedWork(billing.deps, entry)).toBe('parked');
    expect(await drawApprovedWork(billing.deps, entry)).toBe('parked');
    const parked = await billing.as(ops).get('/parked-entries');
    expect(parked.body.items).toEqual([expect.objectContaining({ timeEntryId: entry.timeEntryId, customerId: 'initech', minutes: 90 })]);
    expect(await billing.db.prisma.outboundMail.count({ where: { idempotencyKey: `parked:${entry.timeEntryId}` } })).toBe(1);

    await billing.as(ops).put('/customers/initech/plan', { plan: 'pay_as_you_go', cadence: 'biweekly' });
    expect((await balanceOf('initech')).balanceCents).toBe(-9_000);
    expect((await billing.as(ops).get('/parked-entries')).body.items).toEqual([]);
  });
});

describe('the ledger', () => {
  it('is append-only: the database refuses to edit or delete an entry', async () => {
    const entry = await billing.db.prisma.billingLedgerEntry.findFirstOrThrow();
    await expect(billing.db.prisma.billingLedgerEntry.update({ where: { id: entry.id }, data: { amountCents: 1 } })).rejects.toThrow(/append-only/);
    await expect(billing.db.prisma.billingLedgerEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
  });

  it('books a replayed approval once', async () => {
    const entry = approved('globex', 45, 5_000);
    const before = (await balanceOf('globex')).balanceCents;
    await drawApprovedWork(billing.deps, entry);
    await drawApprovedWork(billing.deps, entry);
    expect((await balanceOf('globex')).balanceCents).toBe(before - 3_750);
  });

  it('answers 400 for a ledger cursor the caller could not list', async () => {
    const res = await billing.as(ops).get(`/customers/globex/ledger?cursor=${randomUUID()}`);
    expect(res.status).toBe(400);
  });
});
