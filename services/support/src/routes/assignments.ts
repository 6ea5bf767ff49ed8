import { customerParamsSchema, expertAssignmentBodySchema, expertAssignmentViewSchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { notFound, type RouteRegistrar } from '@guild/platform';

/** Until the project board feeds it, ops say which expert answers each customer's queries. */
export function registerAssignmentRoutes(r: RouteRegistrar, { prisma }: { prisma: PrismaClient }) {
  r.route({
    method: 'put',
    path: '/customers/:customerId/expert-assignment',
    summary: "Set a customer's assigned and backup expert (ops)",
    tags: ['assignments'],
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
    tags: ['assignments'],
    roles: ['ops', 'service'],
    params: customerParamsSchema,
    response: expertAssignmentViewSchema,
    handler: async ({ params }) => {
      const row = await prisma.expertAssignment.findUnique({ where: { customerId: params.customerId } });
      if (!row) throw notFound('expert assignment');
      return { customerId: row.customerId, expertId: row.expertId, backupExpertId: row.backupExpertId };
    },
  });
}
