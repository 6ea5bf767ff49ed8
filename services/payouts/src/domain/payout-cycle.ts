import type { PrismaClient } from '@guild/db';
import { queuePayoutsMail } from '../mail/mail-outbox.js';
import { statementMail } from '../mail/templates.js';
import { appendLedgerEntry, balanceOf } from './ledger.js';

// A payout cycle is named by the day it closes (`cycle`, a Monday): it credits the work approved
// before that day's start (UTC) that no earlier cycle credited.

const closesAt = (cycle: string) => new Date(`${cycle}T00:00:00Z`);

/** Experts the cycle concerns: approved work still to credit, or work this cycle already credited (a re-run). */
export async function expertsOfCycle(prisma: PrismaClient, cycle: string): Promise<string[]> {
  const rows = await prisma.approvedWork.findMany({
    where: { OR: [{ creditedAt: null, approvedAt: { lt: closesAt(cycle) } }, { cycle }] },
    distinct: ['expertId'],
    select: { expertId: true },
    orderBy: { expertId: 'asc' },
  });
  return rows.map((r) => r.expertId);
}

/**
 * Credits the expert's approved, not yet credited work of the cycle: one ledger entry per time
 * entry, keyed by the entry, so a re-run (or a retry after a crash) credits nothing twice.
 */
export async function creditCycleWork(prisma: PrismaClient, cycle: string, expertId: string, by: string) {
  return prisma.$transaction(async (tx) => {
    const work = await tx.$queryRaw<{ timeEntryId: string; amountCents: number }[]>`
      SELECT time_entry_id AS "timeEntryId", amount_cents AS "amountCents" FROM payouts.approved_work
      WHERE expert_id = ${expertId} AND credited_at IS NULL AND approved_at < ${closesAt(cycle)}
      ORDER BY approved_at, time_entry_id FOR UPDATE`;
    let creditedCents = 0;
    let creditedEntries = 0;
    for (const w of work) {
      const added = await appendLedgerEntry(tx, { expertId, kind: 'work_credited', amountCents: w.amountCents, idempotencyKey: `work:${w.timeEntryId}`, timeEntryId: w.timeEntryId, cycle, createdBy: by });
      if (added) {
        creditedCents += w.amountCents;
        creditedEntries += 1;
      }
    }
    await tx.approvedWork.updateMany({ where: { timeEntryId: { in: work.map((w) => w.timeEntryId) } }, data: { creditedAt: new Date(), cycle } });
    return { creditedEntries, creditedCents };
  });
}

/** Mails the expert what the cycle credited and their balance; once per expert and cycle. */
export async function mailCycleStatement(prisma: PrismaClient, cycle: string, periodStart: string, expertId: string): Promise<void> {
  const work = await prisma.approvedWork.findMany({ where: { expertId, cycle }, orderBy: [{ day: 'asc' }, { timeEntryId: 'asc' }] });
  await prisma.$transaction(async (tx) => {
    const balance = await balanceOf(tx, expertId);
    const periodEnd = new Date(closesAt(cycle).getTime() - 24 * 60 * 60_000).toISOString().slice(0, 10);
    await queuePayoutsMail(tx, {
      idempotencyKey: `statement:${cycle}:${expertId}`,
      template: statementMail,
      data: {
        periodStart,
        periodEnd,
        lines: work.map((w) => ({ day: w.day.toISOString().slice(0, 10), minutes: w.minutes, rateCents: w.expertRateCents, amountCents: w.amountCents })),
        creditedCents: work.reduce((sum, w) => sum + w.amountCents, 0),
        availableCents: balance.availableCents,
        heldCents: balance.heldCents,
      },
      to: [{ kind: 'expert', expertId }],
    });
  });
}
