import { randomUUID } from 'node:crypto';
import type { Prisma } from '@guild/db';

export type LedgerKind = 'deposit_paid' | 'work_drawn' | 'invoice_issued' | 'invoice_paid' | 'refund' | 'adjustment';

export interface LedgerEntryToBook {
  customerId: string;
  kind: LedgerKind;
  /** + credits the safe balance, − draws it down. */
  amountCents: number;
  /** One fact, one key: booking the same key again books nothing. */
  idempotencyKey: string;
  occurredAt?: Date;
  projectId?: string;
  timeEntryId?: string;
  minutes?: number;
  rateCents?: number;
  invoiceId?: string;
  reason?: string;
  actor?: string;
}

/** Appends one entry unless its key is booked already; answers whether this call booked it. */
export async function bookLedgerEntry(tx: Prisma.TransactionClient, entry: LedgerEntryToBook): Promise<boolean> {
  const { count } = await tx.billingLedgerEntry.createMany({ data: [{ id: randomUUID(), ...entry }], skipDuplicates: true });
  return count === 1;
}

/** The safe balance: the sum of the customer's ledger. */
export async function balanceOf(tx: Prisma.TransactionClient, customerId: string): Promise<number> {
  const { _sum } = await tx.billingLedgerEntry.aggregate({ where: { customerId }, _sum: { amountCents: true } });
  return _sum.amountCents ?? 0;
}

/** Draws approved before `until` that no statement has closed yet: the running period's work. */
export async function openDrawsBefore(tx: Prisma.TransactionClient, customerId: string, until: Date) {
  const draws = await tx.billingLedgerEntry.findMany({
    where: { customerId, kind: 'work_drawn', occurredAt: { lt: until } },
    orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
  });
  const closed = await tx.billingStatementDraw.findMany({ where: { ledgerEntryId: { in: draws.map((d) => d.id) } }, select: { ledgerEntryId: true } });
  const closedIds = new Set(closed.map((c) => c.ledgerEntryId));
  return draws.filter((d) => !closedIds.has(d.id));
}

/** Serialises money moves of one customer, so two closings or payments never interleave. */
export async function lockCustomerLedger(tx: Prisma.TransactionClient, customerId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`billing ledger ${customerId}`}))) AS l`;
}
