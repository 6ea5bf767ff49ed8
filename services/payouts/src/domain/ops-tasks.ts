import type { PayoutRequest, PrismaClient } from '@guild/db';
import { queuePayoutsMail } from '../mail/mail-outbox.js';
import { deadlineBreachMail, deadlineWarningMail, manualTransferTaskMail, payoutReviewMail } from '../mail/templates.js';
import { dueAtOf } from './views.js';
import { payoutStatusRefused } from './payouts-errors.js';

/** A bank transfer is paid by a person: ops get the task (bank details and invoice behind the link). */
export async function openManualTransferTask(prisma: PrismaClient, request: PayoutRequest): Promise<void> {
  if (request.status === 'awaiting_manual_transfer') return;
  if (request.status !== 'held' || request.accountKind !== 'bank_transfer') throw payoutStatusRefused(request.status, 'paid by bank transfer');
  await prisma.$transaction(async (tx) => {
    await tx.payoutRequest.updateMany({ where: { id: request.id, status: 'held' }, data: { status: 'awaiting_manual_transfer' } });
    await queuePayoutsMail(tx, {
      idempotencyKey: `manual-transfer:${request.id}`,
      template: manualTransferTaskMail,
      data: { requestId: request.id, amountCents: request.amountCents, expertId: request.expertId, dueAt: dueAtOf(request).toISOString() },
      to: [{ kind: 'ops' }],
    });
  });
}

/**
 * A step the process cannot undo by itself (a transfer whose outcome is unknown) goes to a person:
 * the amount stays held, ops are mailed, and the request waits for their resolution.
 */
export async function sendToReview(prisma: PrismaClient, request: PayoutRequest, reason: string): Promise<void> {
  if (request.status === 'needs_review') return;
  if (request.status !== 'held' && request.status !== 'awaiting_manual_transfer') throw payoutStatusRefused(request.status, 'sent to review');
  await prisma.$transaction(async (tx) => {
    await tx.payoutRequest.updateMany({ where: { id: request.id, status: request.status }, data: { status: 'needs_review', reason } });
    await queuePayoutsMail(tx, {
      idempotencyKey: `review:${request.id}`,
      template: payoutReviewMail,
      data: { requestId: request.id, amountCents: request.amountCents, expertId: request.expertId, reason },
      to: [{ kind: 'ops' }],
    });
  });
}

/** The 24 h promise: ops are warned before it runs out and alerted when it has; each once per request. */
export async function recordDeadlineEvent(prisma: PrismaClient, request: PayoutRequest, kind: 'warning' | 'breach'): Promise<void> {
  const data = { requestId: request.id, amountCents: request.amountCents, expertId: request.expertId, status: request.status, dueAt: dueAtOf(request).toISOString() };
  await prisma.$transaction(async (tx) => {
    if (kind === 'warning') {
      await tx.payoutRequest.updateMany({ where: { id: request.id, warnedAt: null }, data: { warnedAt: new Date() } });
      await queuePayoutsMail(tx, { idempotencyKey: `deadline-warning:${request.id}`, template: deadlineWarningMail, data, to: [{ kind: 'ops' }] });
    } else {
      await tx.payoutRequest.updateMany({ where: { id: request.id, breachedAt: null }, data: { breachedAt: new Date() } });
      await queuePayoutsMail(tx, { idempotencyKey: `deadline-breach:${request.id}`, template: deadlineBreachMail, data, to: [{ kind: 'ops' }] });
    }
  });
}
