import {
  deadlineEventBodySchema,
  manualTransferViewSchema,
  payabilitySchema,
  payoutRequestParamsSchema,
  payoutRequestViewSchema,
  refusalBodySchema,
  reviewBodySchema,
  reviewResolutionBodySchema,
} from '@guild/contracts';
import { AppError, type RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { checkPayability } from '../domain/check-payability.js';
import { findVisibleRequest } from '../domain/find-request.js';
import { openManualTransferTask, recordDeadlineEvent, sendToReview } from '../domain/ops-tasks.js';
import { payoutStatusRefused } from '../domain/payouts-errors.js';
import { markPayoutPaid, releasePayoutHold } from '../domain/settle-payout.js';
import { transferPayout } from '../domain/transfer-payout.js';
import { toPayoutRequestView } from '../domain/views.js';
import type { PayoutsRouteDeps } from './deps.js';

const transferOutcomeSchema = z.object({ outcome: z.enum(['paid', 'failed']), transferId: z.string().nullable(), reason: z.string().nullable() });

/** The steps of `payout-<requestId>`, called by the worker; each is idempotent. Ops settle what needs a person. */
export function registerPayoutProcessRoutes(r: RouteRegistrar, { prisma, stripe, listing, eventsRecorded }: PayoutsRouteDeps) {
  r.route({
    method: 'get',
    path: '/payout-requests/:id',
    summary: 'One payout request',
    tags: ['payouts'],
    roles: ['expert', 'ops', 'service'],
    params: payoutRequestParamsSchema,
    response: payoutRequestViewSchema,
    handler: async ({ params, principal }) => toPayoutRequestView(await findVisibleRequest(prisma, principal, params.id)),
  });

  r.route({
    method: 'post',
    path: '/payout-requests/:id/payability',
    summary: "Check the request can be paid now: the account at Stripe (payouts enabled, nothing due) and the expert's listing",
    tags: ['process'],
    roles: ['service'],
    params: payoutRequestParamsSchema,
    response: payabilitySchema,
    handler: async ({ params, principal }) => {
      const result = await checkPayability(prisma, stripe, listing, await findVisibleRequest(prisma, principal, params.id));
      eventsRecorded();
      return result;
    },
  });

  r.route({
    method: 'post',
    path: '/payout-requests/:id/refusal',
    summary: 'Refuse the request with the reason: the hold is released and the expert told why',
    tags: ['process'],
    roles: ['service'],
    params: payoutRequestParamsSchema,
    body: refusalBodySchema,
    response: payoutRequestViewSchema,
    handler: async ({ params, body, principal }) => {
      const request = await findVisibleRequest(prisma, principal, params.id);
      await prisma.$transaction((tx) => releasePayoutHold(tx, request, 'refused', body.reason, principal.subject));
      eventsRecorded();
      return toPayoutRequestView(await findVisibleRequest(prisma, principal, params.id));
    },
  });

  r.route({
    method: 'post',
    path: '/payout-requests/:id/stripe-transfer',
    summary: 'Pay the request with one Stripe transfer (the request id is the idempotency key)',
    description: 'Stripe refusing the transfer answers `failed` with the reason: the hold is released and the expert told. A Stripe outage answers 503.',
    tags: ['process'],
    roles: ['service'],
    params: payoutRequestParamsSchema,
    response: transferOutcomeSchema,
    handler: async ({ params, principal }) => {
      const outcome = await transferPayout(prisma, stripe, await findVisibleRequest(prisma, principal, params.id), principal.subject);
      eventsRecorded();
      return outcome.outcome === 'paid' ? { outcome: 'paid' as const, transferId: outcome.transferId, reason: null } : { outcome: 'failed' as const, transferId: null, reason: outcome.reason };
    },
  });

  r.route({
    method: 'post',
    path: '/payout-requests/:id/manual-transfer-task',
    summary: 'Give ops the bank transfer to pay (bank details and invoice), mailed once',
    tags: ['process'],
    roles: ['service'],
    params: payoutRequestParamsSchema,
    response: payoutRequestViewSchema,
    handler: async ({ params, principal }) => {
      await openManualTransferTask(prisma, await findVisibleRequest(prisma, principal, params.id));
      eventsRecorded();
      return toPayoutRequestView(await findVisibleRequest(prisma, principal, params.id));
    },
  });

  r.route({
    method: 'post',
    path: '/payout-requests/:id/review',
    summary: 'Send the request to ops: a step the process cannot undo by itself (the amount stays held)',
    tags: ['process'],
    roles: ['service'],
    params: payoutRequestParamsSchema,
    body: reviewBodySchema,
    response: payoutRequestViewSchema,
    handler: async ({ params, body, principal }) => {
      await sendToReview(prisma, await findVisibleRequest(prisma, principal, params.id), body.reason);
      eventsRecorded();
      return toPayoutRequestView(await findVisibleRequest(prisma, principal, params.id));
    },
  });

  r.route({
    method: 'post',
    path: '/payout-requests/:id/deadline-events',
    summary: 'The 24 h promise: warn ops before it runs out, alert them when it has (each once)',
    tags: ['process'],
    roles: ['service'],
    params: payoutRequestParamsSchema,
    body: deadlineEventBodySchema,
    response: payoutRequestViewSchema,
    handler: async ({ params, body, principal }) => {
      await recordDeadlineEvent(prisma, await findVisibleRequest(prisma, principal, params.id), body.kind);
      eventsRecorded();
      return toPayoutRequestView(await findVisibleRequest(prisma, principal, params.id));
    },
  });

  r.route({
    method: 'get',
    path: '/payout-requests/:id/manual-transfer',
    summary: 'What ops need to pay a bank transfer: the bank details and the invoice link (ops)',
    tags: ['ops'],
    roles: ['ops'],
    params: payoutRequestParamsSchema,
    response: manualTransferViewSchema,
    handler: async ({ params, principal }) => {
      const request = await findVisibleRequest(prisma, principal, params.id);
      const account = await prisma.payoutAccount.findUnique({ where: { expertId: request.expertId } });
      if (request.accountKind !== 'bank_transfer' || account?.kind !== 'bank_transfer') throw payoutStatusRefused(request.status, 'paid by bank transfer');
      return {
        ...toPayoutRequestView(request),
        accountHolder: account.accountHolder ?? '',
        iban: account.iban ?? '',
        bankName: account.bankName,
        invoiceUrl: request.invoiceFileName ? `/payout-requests/${request.id}/invoice` : null,
      };
    },
  });

  r.route({
    method: 'post',
    path: '/payout-requests/:id/manual-transfer/paid',
    summary: 'Ops paid the bank transfer: the payout is paid and the expert told',
    tags: ['ops'],
    roles: ['ops'],
    params: payoutRequestParamsSchema,
    response: payoutRequestViewSchema,
    handler: async ({ params, principal }) => {
      const request = await findVisibleRequest(prisma, principal, params.id);
      if (request.status !== 'awaiting_manual_transfer' && request.status !== 'paid') throw payoutStatusRefused(request.status, 'marked paid by bank transfer');
      await prisma.$transaction((tx) => markPayoutPaid(tx, request, principal.subject));
      eventsRecorded();
      return toPayoutRequestView(await findVisibleRequest(prisma, principal, params.id));
    },
  });

  r.route({
    method: 'post',
    path: '/payout-requests/:id/review-resolution',
    summary: 'Ops resolve a request sent to review: it was paid, or its hold is released',
    tags: ['ops'],
    roles: ['ops'],
    params: payoutRequestParamsSchema,
    body: reviewResolutionBodySchema,
    response: payoutRequestViewSchema,
    handler: async ({ params, body, principal }) => {
      const request = await findVisibleRequest(prisma, principal, params.id);
      if (request.status !== 'needs_review') throw payoutStatusRefused(request.status, 'resolved by a review');
      await prisma.$transaction((tx) =>
        body.outcome === 'paid' ? markPayoutPaid(tx, request, principal.subject) : releasePayoutHold(tx, request, 'released', body.note, principal.subject),
      );
      eventsRecorded();
      return toPayoutRequestView(await findVisibleRequest(prisma, principal, params.id));
    },
  });

  r.route({
    method: 'get',
    path: '/payout-requests/:id/invoice',
    summary: "The expert's invoice of a bank transfer, as the PDF they uploaded (ops and the expert)",
    tags: ['payouts'],
    roles: ['expert', 'ops'],
    params: payoutRequestParamsSchema,
    response: z.unknown(),
    handler: async ({ params, principal, res }) => {
      const request = await findVisibleRequest(prisma, principal, params.id);
      if (!request.invoicePdf) throw new AppError('not_found', { status: 404, message: 'this payout request has no invoice' });
      res.type('application/pdf').attachment(request.invoiceFileName ?? 'invoice.pdf').send(Buffer.from(request.invoicePdf));
      return undefined;
    },
  });
}
