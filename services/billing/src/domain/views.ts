import type { BillingAccount, BillingInvoice, BillingLedgerEntry, BillingStatement } from '@guild/db';
import type { BillingInvoiceView, StatementView } from '@guild/contracts';

export const toAccountView = (a: BillingAccount) => ({
  customerId: a.customerId,
  plan: a.plan as 'deposit' | 'pay_as_you_go',
  cadence: a.cadence as 'monthly' | 'biweekly',
  overageApprovalCents: a.overageApprovalCents,
  stripeCustomerId: a.stripeCustomerId,
  createdAt: a.createdAt.toISOString(),
});

export const toInvoiceView = (i: BillingInvoice): BillingInvoiceView => ({
  id: i.id,
  customerId: i.customerId,
  kind: i.kind as BillingInvoiceView['kind'],
  period: i.period,
  amountCents: i.amountCents,
  currency: 'USD',
  status: i.status as BillingInvoiceView['status'],
  stripeInvoiceId: i.stripeInvoiceId,
  createdAt: i.createdAt.toISOString(),
  paidAt: i.paidAt?.toISOString() ?? null,
});

export const toLedgerEntryView = (e: BillingLedgerEntry) => ({
  id: e.id,
  kind: e.kind as 'deposit_paid' | 'work_drawn' | 'invoice_issued' | 'invoice_paid' | 'refund' | 'adjustment',
  amountCents: e.amountCents,
  occurredAt: e.occurredAt.toISOString(),
  projectId: e.projectId,
  timeEntryId: e.timeEntryId,
  minutes: e.minutes,
  rateCents: e.rateCents,
  invoiceId: e.invoiceId,
  reason: e.reason,
});

export const toStatementView = (s: BillingStatement): StatementView => ({
  id: s.id,
  customerId: s.customerId,
  period: s.period,
  drawnCents: s.drawnCents,
  drawnMinutes: s.drawnMinutes,
  overageCents: s.overageCents,
  needsOpsApproval: s.needsApproval,
  invoiceId: s.invoiceId,
});
