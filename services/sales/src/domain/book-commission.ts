import { randomUUID } from 'node:crypto';
import { commissionEarned, type EventPayload, type paymentReceived, type paymentRefunded } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { clawbackFor, commissionOn } from './commission-rules.js';
import { SALES_SOURCE } from './source.js';

/**
 * 25 % of a payment of an attributed customer, credited to the referrer once per payment
 * (`payment:<invoiceId>`), pending until the refund window has passed. Others' payments earn nothing.
 */
export async function earnCommission(prisma: PrismaClient, payment: EventPayload<typeof paymentReceived>, refundWindowSeconds: number) {
  const attribution = await prisma.salesAttribution.findUnique({ where: { customerId: payment.customerId } });
  if (!attribution) return null;
  const availableAt = new Date(new Date(payment.paidAt).getTime() + refundWindowSeconds * 1000);
  return prisma.$transaction(async (tx) => {
    const line = { id: randomUUID(), expertId: attribution.referrerId, customerId: payment.customerId, amountCents: commissionOn(payment.amountCents), invoiceId: payment.invoiceId, paymentCents: payment.amountCents, idempotencyKey: `payment:${payment.invoiceId}`, availableAt };
    const { count } = await tx.salesCommissionLine.createMany({ data: [line], skipDuplicates: true });
    if (count === 0 || line.amountCents <= 0) return null;
    await recordEvent(tx, SALES_SOURCE, commissionEarned, { lineId: line.id, expertId: line.expertId, customerId: line.customerId, amountCents: line.amountCents, invoiceId: line.invoiceId, availableAt: availableAt.toISOString() });
    return line;
  });
}

/**
 * A refund takes back its share as a new negative line pointing to the payment's commission,
 * keyed on the refund (`refund:<refundId>`): delivered twice, booked once; never an edit.
 */
export async function clawBackCommission(prisma: PrismaClient, refund: EventPayload<typeof paymentRefunded>) {
  return prisma.$transaction(async (tx) => {
    const original = await tx.salesCommissionLine.findUnique({ where: { idempotencyKey: `payment:${refund.invoiceId}` } });
    if (!original) return null;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sales-commission:${original.id}`}))`;
    const taken = await tx.salesCommissionLine.aggregate({ where: { originalId: original.id }, _sum: { amountCents: true } });
    const amount = clawbackFor(refund, original.amountCents + (taken._sum.amountCents ?? 0));
    if (amount <= 0) return null;
    const line = { id: randomUUID(), expertId: original.expertId, customerId: original.customerId, amountCents: -amount, invoiceId: refund.invoiceId, paymentCents: original.paymentCents, originalId: original.id, refundId: refund.refundId, idempotencyKey: `refund:${refund.refundId}` };
    const { count } = await tx.salesCommissionLine.createMany({ data: [line], skipDuplicates: true });
    return count === 1 ? line : null;
  });
}
