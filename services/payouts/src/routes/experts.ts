import {
  balanceViewSchema,
  expertParamsSchema,
  ledgerEntryViewSchema,
  ledgerQuerySchema,
  pageOf,
  payoutAccountBodySchema,
  payoutAccountViewSchema,
  payoutRequestBodySchema,
  payoutRequestViewSchema,
} from '@guild/contracts';
import { notFound, type RouteRegistrar } from '@guild/platform';
import { assertOwnExpert } from '../domain/find-request.js';
import { balanceOf } from '../domain/ledger.js';
import { listLedger, listPayouts } from '../domain/lists.js';
import { requestPayout } from '../domain/request-payout.js';
import { setPayoutAccount } from '../domain/set-payout-account.js';
import { toAccountView, toLedgerEntryView, toPayoutRequestView } from '../domain/views.js';
import type { PayoutsRouteDeps } from './deps.js';

export function registerExpertRoutes(r: RouteRegistrar, { prisma, stripe, eventsRecorded }: PayoutsRouteDeps) {
  r.route({
    method: 'put',
    path: '/experts/:id/payout-account',
    summary: 'Set where the expert is paid: a Stripe connected account (checked with Stripe at once) or bank details',
    description: 'A connected account Stripe cannot pay out to yet is stored with what Stripe still needs, and the expert is mailed the list.',
    tags: ['accounts'],
    roles: ['expert', 'ops'],
    params: expertParamsSchema,
    body: payoutAccountBodySchema,
    response: payoutAccountViewSchema,
    handler: async ({ params, body, principal }) => {
      assertOwnExpert(principal, params.id);
      const account = await setPayoutAccount(prisma, stripe, params.id, body);
      eventsRecorded();
      return toAccountView(account);
    },
  });

  r.route({
    method: 'get',
    path: '/experts/:id/payout-account',
    summary: "The expert's payout account and whether Stripe can pay it",
    tags: ['accounts'],
    roles: ['expert', 'ops', 'service'],
    params: expertParamsSchema,
    response: payoutAccountViewSchema,
    handler: async ({ params, principal }) => {
      assertOwnExpert(principal, params.id);
      const account = await prisma.payoutAccount.findUnique({ where: { expertId: params.id } });
      if (!account) throw notFound('payout account');
      return toAccountView(account);
    },
  });

  r.route({
    method: 'get',
    path: '/experts/:id/balance',
    summary: "The expert's safe balance: available, held for payouts in flight, and approved work the next cycle credits",
    tags: ['balance'],
    roles: ['expert', 'ops', 'service'],
    params: expertParamsSchema,
    response: balanceViewSchema,
    handler: async ({ params, principal }) => {
      assertOwnExpert(principal, params.id);
      const balance = await balanceOf(prisma, params.id);
      const pending = await prisma.approvedWork.aggregate({ where: { expertId: params.id, creditedAt: null }, _sum: { amountCents: true } });
      return { expertId: params.id, currency: 'USD' as const, ...balance, approvedNotCreditedCents: pending._sum.amountCents ?? 0 };
    },
  });

  r.route({
    method: 'get',
    path: '/experts/:id/ledger',
    summary: "The expert's ledger, newest first: every credit, hold, payout, release and adjustment",
    tags: ['balance'],
    roles: ['expert', 'ops', 'service'],
    params: expertParamsSchema,
    query: ledgerQuerySchema,
    response: pageOf(ledgerEntryViewSchema),
    handler: async ({ params, query, principal }) => {
      assertOwnExpert(principal, params.id);
      const page = await listLedger(prisma, params.id, query);
      return { items: page.items.map(toLedgerEntryView), nextCursor: page.nextCursor };
    },
  });

  r.route({
    method: 'get',
    path: '/experts/:id/payouts',
    summary: "The expert's payout requests, newest first",
    tags: ['payouts'],
    roles: ['expert', 'ops', 'service'],
    params: expertParamsSchema,
    query: ledgerQuerySchema,
    response: pageOf(payoutRequestViewSchema),
    handler: async ({ params, query, principal }) => {
      assertOwnExpert(principal, params.id);
      const page = await listPayouts(prisma, params.id, query);
      return { items: page.items.map(toPayoutRequestView), nextCursor: page.nextCursor };
    },
  });

  r.route({
    method: 'post',
    path: '/experts/:id/payouts',
    summary: 'Request a payout of part of the available balance; paid within 24 hours',
    description:
      'The amount is held at once. 422 `amount_above_available` names the available amount; 422 `account_not_payable` says what Stripe still needs; ' +
      'a bank transfer needs the invoice (PDF, base64). Send an `Idempotency-Key` to retry safely.',
    tags: ['payouts'],
    roles: ['expert', 'ops'],
    params: expertParamsSchema,
    body: payoutRequestBodySchema,
    response: payoutRequestViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => {
      assertOwnExpert(principal, params.id);
      const request = await requestPayout(prisma, params.id, body, principal.subject);
      eventsRecorded();
      return toPayoutRequestView(request);
    },
  });
}
