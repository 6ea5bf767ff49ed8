import { idParamsSchema, queueItemSchema, queueReorderBodySchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { listQueue, moveAhead } from '../domain/queue.js';

export function registerQueueRoutes(r: RouteRegistrar, { prisma }: { prisma: PrismaClient }) {
  r.route({
    method: 'get',
    path: '/queue',
    summary: 'The support queue in first-come, first-served order, with time left on each clock',
    description: 'An expert sees their own queue; ops see everyone\'s, or one expert\'s with `expertId`.',
    tags: ['queue'],
    roles: ['expert', 'ops'],
    query: z.object({ expertId: z.string().min(1).optional() }),
    response: z.object({ items: z.array(queueItemSchema) }),
    handler: async ({ query, principal }) => ({ items: await listQueue(prisma, principal, query) }),
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
    summary: 'Breached queries that are still open (ops)',
    tags: ['queue'],
    roles: ['ops'],
    response: z.object({ items: z.array(queueItemSchema) }),
    handler: async ({ principal }) => ({
      items: (await listQueue(prisma, principal, {})).filter((q) => q.slaBreached || (q.etaMinutesLeft !== null && q.etaMinutesLeft < 0)),
    }),
  });
}
