import type { BillingAccount, PrismaClient } from '@guild/db';
import { balanceOf, openDrawsBefore } from './ledger.js';
import { needsOpsApproval, overageCents } from './money.js';
import { periodContaining } from './periods.js';

/**
 * The running period's invoice if it closed now: the balance with every draw so far (all of them
 * fall in this period or an earlier open one) and what exceeds it.
 */
export async function previewInvoice(prisma: PrismaClient, account: BillingAccount, now = new Date()) {
  const { period, start, end } = periodContaining(account.cadence as 'monthly' | 'biweekly', now);
  const [balance, draws] = await Promise.all([balanceOf(prisma, account.customerId), openDrawsBefore(prisma, account.customerId, end)]);
  const overage = overageCents(balance);
  return {
    customerId: account.customerId,
    period,
    periodStart: start.toISOString(),
    periodEnd: end.toISOString(),
    drawnCents: -draws.reduce((sum, d) => sum + d.amountCents, 0),
    drawnMinutes: draws.reduce((sum, d) => sum + (d.minutes ?? 0), 0),
    balanceCents: balance,
    overageCents: overage,
    needsOpsApproval: needsOpsApproval(overage, account.overageApprovalCents),
  };
}
