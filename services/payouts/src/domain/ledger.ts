import { randomUUID } from 'node:crypto';
import type { LedgerEntry, LedgerEntryKind, Prisma } from '@guild/db';

/**
 * How each kind of entry moves the two sums of an expert's safe balance. Entries hold a positive
 * amount; the kind (and `negative`, for adjustments) gives its direction. Available + held is the
 * sum of every entry's `total` effect.
 */
export function effectOf(entry: Pick<LedgerEntry, 'kind' | 'amountCents' | 'negative'>): { available: number; held: number } {
  const a = entry.amountCents;
  switch (entry.kind) {
    case 'work_credited':
    case 'commission_credited':
      return { available: a, held: 0 };
    case 'adjustment':
      return { available: entry.negative ? -a : a, held: 0 };
    case 'payout_held':
      return { available: -a, held: a };
    case 'payout_paid':
      return { available: 0, held: -a };
    case 'payout_released':
      return { available: a, held: -a };
  }
}

export interface NewLedgerEntry {
  expertId: string;
  kind: LedgerEntryKind;
  amountCents: number;
  idempotencyKey: string;
  createdBy: string;
  payoutRequestId?: string;
  timeEntryId?: string;
  cycle?: string;
  reason?: string;
  negative?: boolean;
}

/**
 * Appends one entry in the caller's transaction. Its idempotency key names the fact it records, so
 * the same fact written twice (a retried call, a re-run cycle) adds nothing; answers whether it did.
 */
export async function appendLedgerEntry(tx: Prisma.TransactionClient, entry: NewLedgerEntry): Promise<boolean> {
  const { count } = await tx.ledgerEntry.createMany({ data: [{ id: randomUUID(), ...entry }], skipDuplicates: true });
  return count === 1;
}

export interface Balance {
  availableCents: number;
  heldCents: number;
}

/** The expert's balance: a sum over the ledger, never a stored column. */
export async function balanceOf(tx: Prisma.TransactionClient, expertId: string): Promise<Balance> {
  const rows = await tx.$queryRaw<{ available: bigint | null; held: bigint | null }[]>`
    SELECT
      SUM(CASE kind
            WHEN 'work_credited' THEN amount_cents
            WHEN 'commission_credited' THEN amount_cents
            WHEN 'adjustment' THEN CASE WHEN negative THEN -amount_cents ELSE amount_cents END
            WHEN 'payout_held' THEN -amount_cents
            WHEN 'payout_released' THEN amount_cents
            ELSE 0 END) AS available,
      SUM(CASE kind
            WHEN 'payout_held' THEN amount_cents
            WHEN 'payout_paid' THEN -amount_cents
            WHEN 'payout_released' THEN -amount_cents
            ELSE 0 END) AS held
    FROM payouts.ledger_entry WHERE expert_id = ${expertId}`;
  const row = rows[0];
  return { availableCents: Number(row?.available ?? 0), heldCents: Number(row?.held ?? 0) };
}
