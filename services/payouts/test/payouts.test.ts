import { tokenFor } from '@guild/testkit';
import supertest from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alice, approvedHours, bob, expectLedgerInvariants, expertWithBalance, ops, service, startPayoutsApp, type PayoutsApp } from './payouts-app.js';

let payouts: PayoutsApp;
beforeAll(async () => {
  payouts = await startPayoutsApp();
});
afterEach(async () => {
  for (const expertId of ['alice', 'bob', 'carol']) await expectLedgerInvariants(payouts, expertId);
});
afterAll(async () => payouts?.db.drop());

const balanceOf = async (expertId: string) => (await payouts.as(ops).get(`/experts/${expertId}/balance`)).body;

describe('crediting approved work', () => {
  it('credits minutes × the expert rate once per time entry, rounded half up to the cent', async () => {
    // 90 minutes at $61.11/h = 9166.5 cents → 9167.
    await approvedHours(payouts, 'carol', 90, 6111);
    expect((await balanceOf('carol')).approvedNotCreditedCents).toBe(9167);
    const first = await payouts.as(service).post('/payout-cycles/2026-11-30/experts/carol/credits');
    const again = await payouts.as(service).post('/payout-cycles/2026-11-30/experts/carol/credits');
    expect(first.body).toEqual({ creditedEntries: 1, creditedCents: 9167 });
    expect(again.body).toEqual({ creditedEntries: 0, creditedCents: 0 });
    expect(await balanceOf('carol')).toMatchObject({ availableCents: 9167, heldCents: 0, approvedNotCreditedCents: 0 });
  });

  it('the same approval delivered twice is recorded once', async () => {
    const entry = { timeEntryId: '00000000-0000-4000-8000-000000000001', projectId: '00000000-0000-4000-8000-000000000002', customerId: 'acme', expertId: 'carol', minutes: 60, customerRateCents: 9000, expertRateCents: 6000, currency: 'USD', day: '2026-11-21', approvedAt: '2026-11-21T10:00:00Z' };
    await payouts.approve({ payload: entry });
    await payouts.approve({ payload: entry });
    expect(await payouts.db.prisma.approvedWork.count({ where: { timeEntryId: entry.timeEntryId } })).toBe(1);
  });

  it('work approved after the cycle closes waits for the next cycle', async () => {
    await approvedHours(payouts, 'carol', 60, 6000, '2026-12-01T09:00:00Z');
    await payouts.as(service).post('/payout-cycles/2026-11-30/experts/carol/credits');
    expect((await balanceOf('carol')).approvedNotCreditedCents).toBe(6000);
  });

  it('a correction is an adjustment with a reason; the ledger refuses edits', async () => {
    const adjusted = await payouts.as(ops).post('/experts/carol/adjustments', { amountCents: -1000, reason: 'hours corrected after approval' });
    expect(adjusted.status).toBe(201);
    expect(adjusted.body).toMatchObject({ kind: 'adjustment', amountCents: -1000, reason: 'hours corrected after approval' });
    await expect(payouts.db.prisma.ledgerEntry.updateMany({ where: { expertId: 'carol' }, data: { amountCents: 1 } })).rejects.toThrow(/append-only/);
    expect((await payouts.as(ops).post('/experts/carol/adjustments', { amountCents: 0, reason: 'nothing' })).status).toBe(400);
  });
});

describe('payout requests', () => {
  it('holds the amount at once: available goes down, held up', async () => {
    await expertWithBalance(payouts, 'alice', 120, 5000); // $100.00
    const res = await payouts.as(alice).post('/experts/alice/payouts', { amountCents: 4000 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'held', amountCents: 4000, accountKind: 'stripe_connect' });
    expect(Date.parse(res.body.dueAt) - Date.parse(res.body.requestedAt)).toBe(24 * 60 * 60_000);
    expect(await balanceOf('alice')).toMatchObject({ availableCents: 6000, heldCents: 4000 });
    const ledger = (await payouts.as(alice).get('/experts/alice/ledger')).body.items;
    expect(ledger[0]).toMatchObject({ kind: 'payout_held', amountCents: 0, heldCents: 4000 });
  });

  it('an amount above available is a 422 naming the available amount', async () => {
    const res = await payouts.as(alice).post('/experts/alice/payouts', { amountCents: 6001 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('amount_above_available');
    expect(res.body.error.message).toContain('$60.00');
    expect(res.body.error.fields[0].message).toContain('6000');
  });

  it('zero or negative is a 400; another expert is a 404', async () => {
    expect((await payouts.as(alice).post('/experts/alice/payouts', { amountCents: 0 })).status).toBe(400);
    expect((await payouts.as(alice).post('/experts/alice/payouts', { amountCents: -5 })).status).toBe(400);
    expect((await payouts.as(bob).post('/experts/alice/payouts', { amountCents: 100 })).status).toBe(404);
    expect((await payouts.as(bob).get('/experts/alice/balance')).status).toBe(404);
    expect((await payouts.as(bob).get('/experts/alice/ledger')).status).toBe(404);
  });

  it('two concurrent requests that together exceed the balance: exactly one succeeds', async () => {
    await expertWithBalance(payouts, 'bob', 60, 5000); // $50.00
    const answers = await Promise.all([payouts.as(bob).post('/experts/bob/payouts', { amountCents: 3000 }), payouts.as(bob).post('/experts/bob/payouts', { amountCents: 3000 })]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
    expect(await balanceOf('bob')).toMatchObject({ availableCents: 2000, heldCents: 3000 });
  });

  it('the same Idempotency-Key holds once', async () => {
    const token = await tokenFor(alice);
    const send = () => supertest(payouts.app).post('/experts/alice/payouts').set('authorization', `Bearer ${token}`).set('idempotency-key', 'alice-once').send({ amountCents: 500 });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await payouts.db.prisma.payoutRequest.count({ where: { expertId: 'alice', amountCents: 500 } })).toBe(1);
  });

  it('an unverified Stripe account is refused with what Stripe still needs (stripe-mock)', async () => {
    const account = await payouts.as(ops).put('/experts/carol/payout-account', { kind: 'stripe_connect', stripeAccountId: 'acct_unverified1' });
    expect(account.body).toMatchObject({ status: 'requirements_due' });
    expect(account.body.missing).toContain('external_account');
    const res = await payouts.as(ops).post('/experts/carol/payouts', { amountCents: 100 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('account_not_payable');
    expect(res.body.error.message).toContain('external_account');
    // The expert was told at onboarding, before any request.
    const mail = await payouts.db.prisma.outboundMail.findFirst({ where: { source: 'payouts', template: 'payouts.account-needs-attention' } });
    expect(mail?.recipients).toEqual([{ kind: 'expert', expertId: 'carol' }]);
  });

  it('a bank transfer needs a PDF invoice', async () => {
    await payouts.as(ops).put('/experts/carol/payout-account', { kind: 'bank_transfer', accountHolder: 'Carol C', iban: 'PL61109010140000071219812874' });
    await payouts.as(ops).post('/experts/carol/commissions', { amountCents: 2500, reference: 'lead-1', reason: 'lead commission' });
    expect((await payouts.as(ops).post('/experts/carol/payouts', { amountCents: 100 })).body.error.code).toBe('invoice_required');
    const notPdf = Buffer.from('hello').toString('base64');
    expect((await payouts.as(ops).post('/experts/carol/payouts', { amountCents: 100, invoice: { fileName: 'i.pdf', contentBase64: notPdf } })).status).toBe(400);
    const pdf = Buffer.from('%PDF-1.4 invoice').toString('base64');
    const ok = await payouts.as(ops).post('/experts/carol/payouts', { amountCents: 100, invoice: { fileName: 'i.pdf', contentBase64: pdf } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ accountKind: 'bank_transfer', hasInvoice: true });
  });

  it('a made-up cursor is a 400', async () => {
    expect((await payouts.as(alice).get('/experts/alice/ledger?cursor=00000000-0000-4000-8000-000000000009')).status).toBe(400);
  });
});
