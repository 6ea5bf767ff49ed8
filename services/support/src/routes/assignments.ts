import {
  customerContactBodySchema,
  customerParamsSchema,
  expertAssignmentBodySchema,
  expertAssignmentViewSchema,
  supportTermsBodySchema,
  supportTermsViewSchema,
} from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { setSupportTerms } from '../domain/set-support-terms.js';
import { expertAssignmentNotFound } from '../domain/support-errors.js';

/**
 * Per-customer support settings kept by ops until the project board and identity feed them:
 * who answers, the business-hours calendar the clocks count in, and the addresses mail comes from.
 */
export function registerAssignmentRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: { prisma: PrismaClient; eventsRecorded: () => void }) {
  r.route({
    method: 'put',
    path: '/customers/:customerId/expert-assignment',
    summary: "Set a customer's assigned and backup expert (ops)",
    tags: ['customers'],
    roles: ['ops'],
    params: customerParamsSchema,
    body: expertAssignmentBodySchema,
    response: expertAssignmentViewSchema,
    handler: async ({ params, body }) => {
      const data = { expertId: body.expertId, backupExpertId: body.backupExpertId ?? null };
      const row = await prisma.expertAssignment.upsert({
        where: { customerId: params.customerId },
        create: { customerId: params.customerId, ...data },
        update: data,
      });
      return { customerId: row.customerId, expertId: row.expertId, backupExpertId: row.backupExpertId };
    },
  });

  r.route({
    method: 'get',
    path: '/customers/:customerId/expert-assignment',
    summary: "Read a customer's assigned and backup expert (ops)",
    tags: ['customers'],
    roles: ['ops', 'service'],
    params: customerParamsSchema,
    response: expertAssignmentViewSchema,
    handler: async ({ params }) => {
      const row = await prisma.expertAssignment.findUnique({ where: { customerId: params.customerId } });
      if (!row) throw expertAssignmentNotFound();
      return { customerId: row.customerId, expertId: row.expertId, backupExpertId: row.backupExpertId };
    },
  });

  r.route({
    method: 'put',
    path: '/customers/:customerId/support-terms',
    summary: "Set a customer's business-hours calendar, or null for round-the-clock (ops)",
    description: 'Applies to new queries and to the reply clocks already running: a deadline now in closed hours moves to the next open hour plus the time it had left.',
    tags: ['customers'],
    roles: ['ops'],
    params: customerParamsSchema,
    body: supportTermsBodySchema,
    response: supportTermsViewSchema,
    handler: async ({ params, body }) => {
      await setSupportTerms(prisma, params.customerId, body.calendar);
      eventsRecorded();
      return { customerId: params.customerId, calendar: body.calendar };
    },
  });

  r.route({
    method: 'get',
    path: '/customers/:customerId/support-terms',
    summary: "Read a customer's support terms (ops, workflow)",
    tags: ['customers'],
    roles: ['ops', 'service'],
    params: customerParamsSchema,
    response: supportTermsViewSchema,
    handler: async ({ params }) => {
      const row = await prisma.supportTerms.findUnique({ where: { customerId: params.customerId } });
      return { customerId: params.customerId, calendar: (row?.calendar as z.infer<typeof supportTermsViewSchema>['calendar']) ?? null };
    },
  });

  r.route({
    method: 'put',
    path: '/customers/:customerId/contacts',
    summary: 'Register an address a customer writes from (ops)',
    description: 'Mail from a registered address opens or continues a query of that customer.',
    tags: ['customers'],
    roles: ['ops'],
    params: customerParamsSchema,
    body: customerContactBodySchema,
    response: z.object({ email: z.string(), customerId: z.string(), name: z.string().nullable() }),
    handler: async ({ params, body }) => {
      const row = await prisma.customerContact.upsert({
        where: { email: body.email },
        create: { email: body.email, customerId: params.customerId, name: body.name ?? null },
        update: { customerId: params.customerId, name: body.name ?? null },
      });
      return { email: row.email, customerId: row.customerId, name: row.name };
    },
  });
}
