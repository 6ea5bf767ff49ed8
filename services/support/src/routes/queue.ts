import { idParamsSchema, queuePageSchema, queueQuerySchema, queueReorderBodySchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { listQueue, moveAhead } from '../domain/queue.js';

export function registerQueueRoutes(r: RouteRegistrar, { prisma }: { prisma: PrismaClient }) {
  r.route({
    method: 'get',
    path: '/queue',
    summary: 'The support queue in first-come, first-served order, with time left on each clock',
    description:
      'Queries on which a reply is owed (open, in community or in research; an answered query waits on the customer). ' +
      'An expert sees their own queue; ops see everyone\'s, or one expert\'s with `expertId`. Paged with `nextCursor`.',
    tags: ['queue'],
    roles: ['expert', 'ops'],
    query: queueQuerySchema,
    response: queuePageSchema,
    handler: async ({ query, principal }) => listQueue(prisma, principal, { expertId: query.expertId }, query),
  });

  r.route({
    method: 'post',
    path: '/queries/:id/queue-position',
    summary: 'Move a query ahead of another (ops; the reason is kept)',
    tags: ['queue'],
    roles: ['ops'],
    params: idParamsSchema,
    body: queueReorderBodySchema,
    response: z.object({ moved: z.literal(true) }),
    handler: async ({ params, body, principal }) => {
      await moveAhead(prisma, params.id, body.beforeQueryId, principal.subject, body.reason);
      return { moved: true as const };
    },
  });

  r.route({
    method: 'get',
    path: '/escalations',
    summary: 'Queries still owed a reply that breached their reply clock or are past their ETA (ops)',
    description: 'In queue order, paged with `nextCursor` like `/queue`.',
    tags: ['queue'],
    roles: ['ops'],
    query: queueQuerySchema,
    response: queuePageSchema,
    handler: async ({ query, principal }) => listQueue(prisma, principal, { expertId: query.expertId, escalatedOnly: true }, query),
  });
}
