import { payoutSettled } from '@guild/contracts';
import type { PayoutRequest, PayoutRequestStatus, Prisma } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { queuePayoutsMail } from '../mail/mail-outbox.js';
import { payoutNotPaidMail, payoutPaidMail } from '../mail/templates.js';
import { appendLedgerEntry } from './ledger.js';
import { PAYOUTS_SOURCE } from './source.js';

/** The states a request can still leave; every settlement is guarded by them, so it happens once. */
export const OPEN_STATUSES: PayoutRequestStatus[] = ['held', 'awaiting_manual_transfer', 'needs_review'];

/** Moves an open request to its end state; false when another call settled it first. */
async function closeRequest(tx: Prisma.TransactionClient, request: PayoutRequest, data: Prisma.PayoutRequestUpdateManyMutationInput): Promise<boolean> {
  const { count } = await tx.payoutRequest.updateMany({ where: { id: request.id, status: { in: OPEN_STATUSES } }, data: { ...data, settledAt: new Date() } });
  return count === 1;
}

/** The held amount leaves the balance: the entry, the expert's mail and the event, in one transaction. */
export async function markPayoutPaid(tx: Prisma.TransactionClient, request: PayoutRequest, by: string, transferId?: string): Promise<boolean> {
  if (!(await closeRequest(tx, request, { status: 'paid', settledBy: by, ...(transferId ? { stripeTransferId: transferId } : {}) }))) return false;
  await appendLedgerEntry(tx, { expertId: request.expertId, kind: 'payout_paid', amountCents: request.amountCents, idempotencyKey: `paid:${request.id}`, payoutRequestId: request.id, createdBy: by });
  await queuePayoutsMail(tx, {
    idempotencyKey: `paid:${request.id}`,
    template: payoutPaidMail,
    data: { requestId: request.id, amountCents: request.amountCents, method: request.accountKind },
    to: [{ kind: 'expert', expertId: request.expertId }],
  });
  await settled(tx, request, 'paid');
  return true;
}

/** The hold goes back to available and the expert is told why: refused before paying, or a failed transfer. */
export async function releasePayoutHold(
  tx: Prisma.TransactionClient,
  request: PayoutRequest,
  outcome: 'refused' | 'failed' | 'released',
  reason: string,
  by: string,
): Promise<boolean> {
  if (!(await closeRequest(tx, request, { status: outcome, reason, settledBy: by }))) return false;
  await appendLedgerEntry(tx, {
    expertId: request.expertId,
    kind: 'payout_released',
    amountCents: request.amountCents,
    idempotencyKey: `release:${request.id}`,
    payoutRequestId: request.id,
    reason,
    createdBy: by,
  });
  await queuePayoutsMail(tx, {
    idempotencyKey: `not-paid:${request.id}`,
    template: payoutNotPaidMail,
    data: { requestId: request.id, amountCents: request.amountCents, reason },
    to: [{ kind: 'expert', expertId: request.expertId }],
  });
  await settled(tx, request, outcome);
  return true;
}

async function settled(tx: Prisma.TransactionClient, request: PayoutRequest, outcome: 'paid' | 'failed' | 'refused' | 'released') {
  await recordEvent(tx, PAYOUTS_SOURCE, payoutSettled, {
    requestId: request.id,
    expertId: request.expertId,
    outcome,
    amountCents: request.amountCents,
    settledAt: new Date().toISOString(),
  });
}
