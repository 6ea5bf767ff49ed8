import { adjustmentBodySchema, commissionBodySchema, expertParamsSchema, ledgerEntryViewSchema, suspensionBodySchema } from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { adjustBalance, creditCommission } from '../domain/ops-entries.js';
import { toLedgerEntryView } from '../domain/views.js';
import type { PayoutsRouteDeps } from './deps.js';

export function registerOpsEntryRoutes(r: RouteRegistrar, { prisma }: PayoutsRouteDeps) {
  r.route({
    method: 'post',
    path: '/experts/:id/adjustments',
    summary: "Correct the expert's balance with a signed amount and a reason (ops); entries are never edited",
    tags: ['ops'],
    roles: ['ops'],
    params: expertParamsSchema,
    body: adjustmentBodySchema,
    response: ledgerEntryViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => toLedgerEntryView(await adjustBalance(prisma, params.id, body, principal.subject)),
  });

  r.route({
    method: 'post',
    path: '/experts/:id/commissions',
    summary: 'Credit a commission the expert earned, once per business reference (ops, or the sales service)',
    tags: ['ops'],
    roles: ['ops', 'service'],
    params: expertParamsSchema,
    body: commissionBodySchema,
    response: ledgerEntryViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => toLedgerEntryView(await creditCommission(prisma, params.id, body, principal.subject)),
  });

  const suspensionView = z.object({ expertId: z.string(), suspended: z.boolean(), reason: z.string().nullable() });

  r.route({
    method: 'put',
    path: '/experts/:id/payout-suspension',
    summary: "Suspend the expert's payouts with a reason (ops): their listing counts as inactive, requests are refused",
    tags: ['ops'],
    roles: ['ops'],
    params: expertParamsSchema,
    body: suspensionBodySchema,
    response: suspensionView,
    handler: async ({ params, body, principal }) => {
      const data = { reason: body.reason, suspendedBy: principal.subject };
      await prisma.payoutSuspension.upsert({ where: { expertId: params.id }, create: { expertId: params.id, ...data }, update: data });
      return { expertId: params.id, suspended: true, reason: body.reason };
    },
  });

  r.route({
    method: 'delete',
    path: '/experts/:id/payout-suspension',
    summary: "Lift the suspension of the expert's payouts (ops)",
    tags: ['ops'],
    roles: ['ops'],
    params: expertParamsSchema,
    response: suspensionView,
    handler: async ({ params }) => {
      await prisma.payoutSuspension.deleteMany({ where: { expertId: params.id } });
      return { expertId: params.id, suspended: false, reason: null };
    },
  });
}
