import type { PrismaClient } from '@guild/db';
import { z } from 'zod';
import type { RouteRegistrar } from './route.js';

const DAY_MS = 24 * 60 * 60_000;

const retentionBodySchema = z.object({
  /** Published events older than this are deleted; unpublished ones never are. */
  olderThanDays: z.number().int().min(1).max(3650),
});
const retentionResultSchema = z.object({ deleted: z.number().int() });

/**
 * Lets the worker's retention schedule prune this service's outbox over HTTP, so the worker
 * holds no database. Only the service's own events (`source`) that JetStream already has go.
 */
export function registerOutboxRetention(r: RouteRegistrar, deps: { prisma: PrismaClient; source: string }) {
  r.route({
    method: 'post',
    path: '/outbox/retention',
    summary: 'Delete published outbox events past their retention (worker)',
    description: 'Idempotent: deletes this service\'s published events older than the given age and answers how many went.',
    tags: ['outbox'],
    roles: ['service'],
    body: retentionBodySchema,
    response: retentionResultSchema,
    handler: async ({ body }) => {
      const cutoff = new Date(Date.now() - body.olderThanDays * DAY_MS);
      const { count } = await deps.prisma.outboxEvent.deleteMany({
        where: { source: deps.source, publishedAt: { not: null, lt: cutoff } },
      });
      return { deleted: count };
    },
  });
}
