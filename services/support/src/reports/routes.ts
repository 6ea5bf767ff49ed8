import { reportRangeQuerySchema, supportReportSchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar } from '@guild/platform';
import { supportReport } from './support-report.js';

/** How support keeps its promises, for ops. */
export function registerReportRoutes(r: RouteRegistrar, { prisma }: { prisma: PrismaClient }) {
  r.route({
    method: 'get',
    path: '/reports/support',
    summary: 'First and next reply times, resolution time, breach rate and satisfaction, overall, per expert and per customer (ops)',
    description:
      'Over the queries submitted in [from, to), a range of at most 366 days. Times are p50/p90 minutes; a customer with a ' +
      'business-hours calendar is measured in their open hours (`clock: business_hours`), others on the wall clock.',
    tags: ['reports'],
    roles: ['ops'],
    query: reportRangeQuerySchema,
    response: supportReportSchema,
    handler: async ({ query }) => supportReport(prisma, { from: new Date(query.from), to: new Date(query.to) }),
  });
}
