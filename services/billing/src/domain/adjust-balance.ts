import { randomUUID } from 'node:crypto';
import type { BillingDeps } from './billing-deps.js';
import { bookLedgerEntry, lockCustomerLedger } from './ledger.js';

/** Ops correct a balance with a new entry and a reason; nothing already booked is edited. */
export async function adjustBalance({ prisma }: BillingDeps, customerId: string, adjustment: { amountCents: number; reason: string }, actor: string) {
  const id = randomUUID();
  await prisma.$transaction(async (tx) => {
    await lockCustomerLedger(tx, customerId);
    await bookLedgerEntry(tx, { customerId, kind: 'adjustment', amountCents: adjustment.amountCents, idempotencyKey: `adjustment:${id}`, reason: adjustment.reason, actor });
  });
  return prisma.billingLedgerEntry.findFirstOrThrow({ where: { idempotencyKey: `adjustment:${id}` } });
}
