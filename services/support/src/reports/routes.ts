import { firstReplyReportSchema, reportRangeQuerySchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar } from '@guild/platform';
import { firstReplyReport } from './first-reply-report.js';

/** How support keeps its 1-hour promise, for ops. */
export function registerReportRoutes(r: RouteRegistrar, { prisma }: { prisma: PrismaClient }) {
  r.route({
    method: 'get',
    path: '/reports/first-reply',
    summary: 'First-reply time p50/p90 and breach rate, overall, per expert and per customer (ops)',
    description: 'Over the queries submitted in [from, to), a range of at most 366 days.',
    tags: ['reports'],
    roles: ['ops'],
    query: reportRangeQuerySchema,
    response: firstReplyReportSchema,
    handler: async ({ query }) => firstReplyReport(prisma, { from: new Date(query.from), to: new Date(query.to) }),
  });
}
