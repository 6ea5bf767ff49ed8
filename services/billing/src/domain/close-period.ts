import { randomUUID } from 'node:crypto';
import type { BillingAccount } from '@guild/db';
import type { BillingDeps } from './billing-deps.js';
import { balanceOf, lockCustomerLedger, openDrawsBefore } from './ledger.js';
import { needsOpsApproval, overageCents } from './money.js';

export interface PeriodToClose {
  period: string;
  periodStart: Date;
  periodEnd: Date;
}

/**
 * Closes a customer's period once: the draws approved before its end (work approved later rolls
 * into the next period), and the overage the balance no longer covers, as a period invoice to
 * draft (awaiting ops when above the customer's threshold). A second call answers the same statement.
 */
export async function closePeriod({ prisma }: BillingDeps, account: BillingAccount, toClose: PeriodToClose) {
  const { customerId } = account;
  return prisma.$transaction(async (tx) => {
    await lockCustomerLedger(tx, customerId);
    const closed = await tx.billingStatement.findUnique({ where: { customerId_period: { customerId, period: toClose.period } } });
    if (closed) return closed;

    const draws = await openDrawsBefore(tx, customerId, toClose.periodEnd);
    const rollingOver = await tx.billingLedgerEntry.aggregate({
      where: { customerId, kind: 'work_drawn', occurredAt: { gte: toClose.periodEnd } },
      _sum: { amountCents: true },
    });
    // Overages already claimed by an invoice not issued yet (a draft waiting for ops) are not invoiced twice.
    const claimed = await tx.billingInvoice.aggregate({ where: { customerId, kind: 'period', status: { in: ['draft', 'awaiting_approval'] } }, _sum: { amountCents: true } });
    const balanceAtPeriodEnd = (await balanceOf(tx, customerId)) - (rollingOver._sum.amountCents ?? 0) + (claimed._sum.amountCents ?? 0);
    const overage = overageCents(balanceAtPeriodEnd);
    const needsApproval = needsOpsApproval(overage, account.overageApprovalCents);

    const invoiceId = overage > 0 ? randomUUID() : null;
    if (invoiceId) {
      await tx.billingInvoice.create({
        data: { id: invoiceId, customerId, kind: 'period', period: toClose.period, amountCents: overage, status: needsApproval ? 'awaiting_approval' : 'draft' },
      });
    }
    const statement = await tx.billingStatement.create({
      data: {
        id: randomUUID(),
        customerId,
        period: toClose.period,
        periodStart: toClose.periodStart,
        periodEnd: toClose.periodEnd,
        drawnCents: -draws.reduce((sum, d) => sum + d.amountCents, 0),
        drawnMinutes: draws.reduce((sum, d) => sum + (d.minutes ?? 0), 0),
        overageCents: overage,
        needsApproval,
        invoiceId,
      },
    });
    await tx.billingStatementDraw.createMany({ data: draws.map((d) => ({ ledgerEntryId: d.id, statementId: statement.id })) });
    return statement;
  });
}
