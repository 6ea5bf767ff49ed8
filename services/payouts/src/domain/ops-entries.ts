import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@guild/db';
import { appendLedgerEntry } from './ledger.js';

/**
 * Ops correct a balance with a signed adjustment and a reason: credited work changed later is
 * corrected this way, never by editing an entry (the ledger refuses edits).
 */
export async function adjustBalance(prisma: PrismaClient, expertId: string, body: { amountCents: number; reason: string; timeEntryId?: string | undefined }, by: string) {
  const id = randomUUID();
  await prisma.$transaction((tx) =>
    appendLedgerEntry(tx, {
      expertId,
      kind: 'adjustment',
      amountCents: Math.abs(body.amountCents),
      negative: body.amountCents < 0,
      idempotencyKey: `adjustment:${id}`,
      reason: body.reason,
      createdBy: by,
      ...(body.timeEntryId ? { timeEntryId: body.timeEntryId } : {}),
    }),
  );
  return prisma.ledgerEntry.findUniqueOrThrow({ where: { idempotencyKey: `adjustment:${id}` } });
}

/** A commission earned (a lead's lifetime value, a referral), credited once per business reference. */
export async function creditCommission(prisma: PrismaClient, expertId: string, body: { amountCents: number; reference: string; reason: string }, by: string) {
  const idempotencyKey = `commission:${expertId}:${body.reference}`;
  await prisma.$transaction((tx) =>
    appendLedgerEntry(tx, { expertId, kind: 'commission_credited', amountCents: body.amountCents, idempotencyKey, reason: body.reason, createdBy: by }),
  );
  return prisma.ledgerEntry.findUniqueOrThrow({ where: { idempotencyKey } });
}
