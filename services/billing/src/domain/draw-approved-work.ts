import type { EventPayload, timeEntryApproved } from '@guild/contracts';
import type { Prisma } from '@guild/db';
import { parkedEntryMail } from '../mail/templates.js';
import { queueBillingMail } from '../mail/billing-mail.js';
import type { BillingDeps } from './billing-deps.js';
import { bookLedgerEntry, lockCustomerLedger } from './ledger.js';
import { drawnCents } from './money.js';

type ApprovedEntry = EventPayload<typeof timeEntryApproved>;

interface Draw {
  timeEntryId: string;
  projectId: string;
  customerId: string;
  minutes: number;
  customerRateCents: number;
  approvedAt: Date;
}

/** Books the approved minutes × the customer's rate against the safe balance, once per time entry. */
async function bookDraw(tx: Prisma.TransactionClient, draw: Draw): Promise<void> {
  await lockCustomerLedger(tx, draw.customerId);
  await bookLedgerEntry(tx, {
    customerId: draw.customerId,
    kind: 'work_drawn',
    amountCents: -drawnCents(draw.minutes, draw.customerRateCents),
    idempotencyKey: `work:${draw.timeEntryId}`,
    occurredAt: draw.approvedAt,
    projectId: draw.projectId,
    timeEntryId: draw.timeEntryId,
    minutes: draw.minutes,
    rateCents: draw.customerRateCents,
  });
}

/**
 * Work is drawn when it is approved, so the balance a customer sees is live. An entry of a
 * customer billing has no plan for is parked for ops (and drawn when the plan is set), never dropped.
 */
export async function drawApprovedWork(deps: BillingDeps, entry: ApprovedEntry): Promise<'drawn' | 'parked'> {
  const draw: Draw = { ...entry, approvedAt: new Date(entry.approvedAt) };
  const outcome = await deps.prisma.$transaction(async (tx) => {
    const account = await tx.billingAccount.findUnique({ where: { customerId: entry.customerId } });
    if (account) {
      await bookDraw(tx, draw);
      return 'drawn' as const;
    }
    const reason = `customer ${entry.customerId} has no billing plan`;
    const { count } = await tx.billingParkedEntry.createMany({
      data: [{ timeEntryId: entry.timeEntryId, projectId: entry.projectId, customerId: entry.customerId, minutes: entry.minutes, customerRateCents: entry.customerRateCents, approvedAt: draw.approvedAt, reason }],
      skipDuplicates: true,
    });
    if (count === 1) {
      await queueBillingMail(tx, {
        idempotencyKey: `parked:${entry.timeEntryId}`,
        template: parkedEntryMail,
        data: { timeEntryId: entry.timeEntryId, projectId: entry.projectId, customerId: entry.customerId, minutes: entry.minutes, reason },
        to: [{ kind: 'ops' }],
      });
    }
    return 'parked' as const;
  });
  deps.eventsRecorded();
  return outcome;
}

/** Draws the entries parked while the customer had no plan; each one once. */
export async function drawParkedEntries({ prisma }: BillingDeps, customerId: string): Promise<number> {
  const parked = await prisma.billingParkedEntry.findMany({ where: { customerId, drawnAt: null } });
  for (const p of parked) {
    await prisma.$transaction(async (tx) => {
      await bookDraw(tx, p);
      await tx.billingParkedEntry.update({ where: { timeEntryId: p.timeEntryId }, data: { drawnAt: new Date() } });
    });
  }
  return parked.length;
}
