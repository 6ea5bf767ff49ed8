import type { LedgerEntry, PayoutAccount, PayoutRequest } from '@guild/db';
import { effectOf } from './ledger.js';

const PROMISED_WITHIN_MS = 24 * 60 * 60_000;

/** The seeds promise a payout within 24 hours of the request. */
export const dueAtOf = (request: Pick<PayoutRequest, 'requestedAt'>) => new Date(request.requestedAt.getTime() + PROMISED_WITHIN_MS);

export function toAccountView(account: PayoutAccount) {
  return {
    expertId: account.expertId,
    kind: account.kind,
    stripeAccountId: account.stripeAccountId,
    status: account.status,
    missing: account.missing,
    disabledReason: account.disabledReason,
    accountHolder: account.accountHolder,
    ibanLast4: account.iban ? account.iban.slice(-4) : null,
    checkedAt: account.checkedAt.toISOString(),
  };
}

export function toLedgerEntryView(entry: LedgerEntry) {
  const { available, held } = effectOf(entry);
  return {
    id: entry.id,
    kind: entry.kind,
    amountCents: available + held,
    heldCents: held,
    payoutRequestId: entry.payoutRequestId,
    timeEntryId: entry.timeEntryId,
    cycle: entry.cycle,
    reason: entry.reason,
    createdAt: entry.createdAt.toISOString(),
  };
}

export function toPayoutRequestView(request: PayoutRequest) {
  return {
    id: request.id,
    expertId: request.expertId,
    amountCents: request.amountCents,
    currency: 'USD' as const,
    status: request.status,
    accountKind: request.accountKind,
    reason: request.reason,
    stripeTransferId: request.stripeTransferId,
    hasInvoice: request.invoiceFileName !== null,
    requestedAt: request.requestedAt.toISOString(),
    dueAt: dueAtOf(request).toISOString(),
    settledAt: request.settledAt?.toISOString() ?? null,
    warnedAt: request.warnedAt?.toISOString() ?? null,
    breachedAt: request.breachedAt?.toISOString() ?? null,
  };
}
