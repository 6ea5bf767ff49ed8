import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, leadAt, service, startSales, type Sales } from './sales-app.js';

let sales: Sales;
let past: Sales;
beforeAll(async () => {
  sales = await startSales();
  // A refund window of one second: commissions mature while the test waits.
  past = await startSales({ refundWindowSeconds: 1 });
});
afterAll(async () => Promise.all([sales?.db.drop(), past?.db.drop()]));

/** A customer won from one of alice's leads: attributed to alice for life. */
async function aliceCustomer(s: Sales) {
  const lead = await leadAt(s, 'won');
  const customerId = randomUUID();
  await s.as(service).post(`/leads/${lead}/customer`, { customerId });
  return customerId;
}
const commissions = async (s: Sales) => (await s.as(alice).get('/experts/alice/commissions')).body;
const release = async (s: Sales) => (await s.as(service).post('/experts/alice/commission-releases')).body.release;
const waitPastWindow = () => new Promise((r) => setTimeout(r, 1100));

describe('commissions of an attributed customer', () => {
  it('every payment earns exactly 25 %, pending for the refund window, once per payment', async () => {
    const customerId = await aliceCustomer(sales);
    const before = (await commissions(sales)).pendingCents;
    const invoiceId = await sales.pay(customerId, 120_000);
    await sales.pay(customerId, 120_000, invoiceId);
    const after = await commissions(sales);
    expect(after.pendingCents - before).toBe(30_000);
    expect(after.lines.filter((l: { invoiceId: string }) => l.invoiceId === invoiceId)).toEqual([expect.objectContaining({ amountCents: 30_000, status: 'pending' })]);
    expect(await release(sales)).toBeNull();
    const earned = await sales.db.prisma.outboxEvent.count({ where: { subject: 'sales.commission.earned', payload: { path: ['invoiceId'], equals: invoiceId } } });
    expect(earned).toBe(1);
  });

  it("a customer nobody referred earns nobody anything", async () => {
    await sales.pay(randomUUID(), 50_000);
    expect(await sales.db.prisma.salesCommissionLine.count({ where: { paymentCents: 50_000 } })).toBe(0);
  });

  it('a partial refund claws back its share as a new line pointing to the original; the same refund twice claws back once', async () => {
    const customerId = await aliceCustomer(sales);
    const invoiceId = await sales.pay(customerId, 100_000);
    const original = await sales.db.prisma.salesCommissionLine.findUniqueOrThrow({ where: { idempotencyKey: `payment:${invoiceId}` } });
    const partial = { customerId, invoiceId, refundId: `ch_1:40000`, amountCents: 40_000, paymentCents: 100_000, refundedTotalCents: 40_000 };
    await sales.refund(partial);
    await sales.refund(partial);
    const lines = await sales.db.prisma.salesCommissionLine.findMany({ where: { invoiceId }, orderBy: { createdAt: 'asc' } });
    expect(lines.map((l) => [l.amountCents, l.originalId, l.refundId])).toEqual([
      [25_000, null, null],
      [-10_000, original.id, 'ch_1:40000'],
    ]);
    // The rest refunded: the clawbacks add up to the whole commission, never more.
    await sales.refund({ ...partial, refundId: 'ch_1:100000', amountCents: 60_000, refundedTotalCents: 100_000 });
    await sales.refund({ ...partial, refundId: 'ch_1:100000', amountCents: 60_000, refundedTotalCents: 100_000 });
    const all = await sales.db.prisma.salesCommissionLine.findMany({ where: { invoiceId } });
    expect(all.reduce((sum, l) => sum + l.amountCents, 0)).toBe(0);
    expect(all).toHaveLength(3);
    await expect(sales.db.prisma.salesCommissionLine.update({ where: { id: original.id }, data: { amountCents: 1 } })).rejects.toThrow(/append-only/);
  });

  it('a full refund at once claws back the whole commission, rounding included', async () => {
    const customerId = await aliceCustomer(sales);
    const invoiceId = await sales.pay(customerId, 10_001);
    await sales.refund({ customerId, invoiceId, refundId: 'ch_odd:10001', amountCents: 10_001, paymentCents: 10_001, refundedTotalCents: 10_001 });
    const lines = await sales.db.prisma.salesCommissionLine.findMany({ where: { invoiceId } });
    expect(lines.map((l) => l.amountCents).sort((a, b) => a - b)).toEqual([-2_500, 2_500]);
  });
});

describe('pending → available → the payout balance', () => {
  it('after the window the net is released once; a refund after release carries forward and is netted against later commissions', async () => {
    const customerId = await aliceCustomer(past);
    const first = await past.pay(customerId, 40_000);
    await waitPastWindow();
    const released = await release(past);
    expect(released).toMatchObject({ expertId: 'alice', amountCents: 10_000, creditedAt: null });
    // Not confirmed by payouts yet: the same release is answered again, nothing new.
    expect((await release(past)).id).toBe(released.id);
    expect((await past.as(service).post(`/commission-releases/${released.id}/credited`)).body.creditedAt).not.toBeNull();
    expect(await release(past)).toBeNull();

    // The paid invoice is refunded in full after its commission reached the payout balance.
    await past.refund({ customerId, invoiceId: first, refundId: 'ch_late:40000', amountCents: 40_000, paymentCents: 40_000, refundedTotalCents: 40_000 });
    expect((await commissions(past)).carriedCents).toBe(-10_000);
    expect(await release(past)).toBeNull();

    // The next commissions pay the debt first.
    await past.pay(customerId, 24_000);
    await waitPastWindow();
    expect(await release(past)).toBeNull();
    expect((await commissions(past)).carriedCents).toBe(-4_000);
    await past.pay(customerId, 100_000);
    await waitPastWindow();
    expect((await release(past)).amountCents).toBe(21_000);
  });
});
