import { idParamsSchema, logQueryTimeBodySchema, queryTimeEntryViewSchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar } from '@guild/platform';
import { findVisibleQuery } from '../domain/find-query.js';
import { logQueryTime } from './log-query-time.js';

/** Hours per query: experts log the minutes they spend; the query shows the total. */
export function registerHoursRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: { prisma: PrismaClient; eventsRecorded: () => void }) {
  r.route({
    method: 'post',
    path: '/queries/:id/time-entries',
    idempotent: true,
    summary: 'Log minutes spent on a query (the expert who may answer it)',
    description:
      'From 1 to 1440 minutes per entry (400 otherwise). The query shows the total as `minutesLogged`; ' +
      "each entry becomes a submitted time entry on the customer's project.",
    tags: ['hours'],
    roles: ['expert'],
    params: idParamsSchema,
    body: logQueryTimeBodySchema,
    response: queryTimeEntryViewSchema,
    status: 201,
    handler: async ({ params, body, principal }) => {
      // An expert sees only queries they may answer, so a visible query means an expert id.
      const query = await findVisibleQuery(prisma, principal, params.id);
      const entry = await logQueryTime(prisma, query, principal.expertId!, body);
      eventsRecorded();
      return entry;
    },
  });
}
