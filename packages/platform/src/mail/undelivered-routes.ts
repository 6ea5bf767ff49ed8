import type { PrismaClient } from '@guild/db';
import { z } from 'zod';
import type { RouteRegistrar } from '../http/route.js';
import { recipientSchema } from './recipients.js';

const undeliveredMailSchema = z.object({
  id: z.uuid(),
  template: z.string(),
  idempotencyKey: z.string(),
  recipients: z.array(recipientSchema),
  createdAt: z.string(),
  attempts: z.number().int(),
  failedAt: z.string(),
  failure: z.string(),
  lastError: z.string().nullable(),
});

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.uuid().optional(),
});

/**
 * `GET /mail/undelivered`: the service's mails that were given up (nobody to send to, refused,
 * too many failures), newest first, for ops to act on. Every service that sends mail registers it.
 */
export function registerUndeliveredMailRoutes(r: RouteRegistrar, { prisma, source }: { prisma: PrismaClient; source: string }) {
  r.route({
    method: 'get',
    path: '/mail/undelivered',
    summary: 'Mails this service gave up, newest first (ops)',
    description: 'Each with why (`unresolvable`, `refused`, `attempts_exhausted`, `unrenderable`) and its recipients; `cursor` is the last id seen.',
    tags: ['mail'],
    roles: ['ops'],
    query: pageQuery,
    response: z.object({ items: z.array(undeliveredMailSchema), nextCursor: z.string().nullable() }),
    handler: async ({ query }) => {
      const rows = await prisma.outboundMail.findMany({
        where: { source, failedAt: { not: null } },
        orderBy: [{ failedAt: 'desc' }, { id: 'desc' }],
        take: query.limit + 1,
        ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
      });
      const items = rows.slice(0, query.limit);
      return {
        items: items.map((row) => ({
          id: row.id,
          template: row.template,
          idempotencyKey: row.idempotencyKey,
          recipients: recipientSchema.array().parse(row.recipients),
          createdAt: row.createdAt.toISOString(),
          attempts: row.attempts,
          failedAt: row.failedAt!.toISOString(),
          failure: row.failure ?? 'unknown',
          lastError: row.lastError,
        })),
        nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null,
      };
    },
  });
}
