import { billingInvoiceViewSchema, idParamsSchema, pageOf, pageQuerySchema, parkedEntryViewSchema } from '@guild/contracts';
import { invalidCursor, type RouteRegistrar } from '@guild/platform';
import { approveOverage } from '../domain/approve-overage.js';
import type { BillingDeps } from '../domain/billing-deps.js';
import { toInvoiceView } from '../domain/views.js';

export function registerOpsRoutes(r: RouteRegistrar, deps: BillingDeps) {
  const { prisma } = deps;

  r.route({
    method: 'post',
    path: '/invoices/:id/approval',
    summary: 'Approve an overage above the customer\'s threshold (ops): its invoice goes out',
    tags: ['invoices'],
    roles: ['ops'],
    params: idParamsSchema,
    response: billingInvoiceViewSchema,
    handler: async ({ params, principal }) => toInvoiceView(await approveOverage(deps, params.id, principal.subject)),
  });

  r.route({
    method: 'get',
    path: '/parked-entries',
    summary: 'Approved hours billing could not draw yet (ops): customers without a plan',
    tags: ['ops'],
    roles: ['ops'],
    query: pageQuerySchema,
    response: pageOf(parkedEntryViewSchema),
    handler: async ({ query }) => {
      const where = { drawnAt: null };
      if (query.cursor && !(await prisma.billingParkedEntry.findFirst({ where: { ...where, timeEntryId: query.cursor } }))) throw invalidCursor();
      const rows = await prisma.billingParkedEntry.findMany({
        where,
        orderBy: [{ parkedAt: 'asc' }, { timeEntryId: 'asc' }],
        take: query.limit + 1,
        ...(query.cursor ? { cursor: { timeEntryId: query.cursor }, skip: 1 } : {}),
      });
      const items = rows.slice(0, query.limit);
      return {
        items: items.map((p) => ({
          timeEntryId: p.timeEntryId,
          projectId: p.projectId,
          customerId: p.customerId,
          minutes: p.minutes,
          customerRateCents: p.customerRateCents,
          reason: p.reason,
          parkedAt: p.parkedAt.toISOString(),
        })),
        nextCursor: rows.length > query.limit ? items[items.length - 1]!.timeEntryId : null,
      };
    },
  });
}
