import { idParamsSchema, queryViewSchema, slaEventBodySchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar } from '@guild/platform';
import { readVisibleQueryView } from '../domain/read-query-view.js';
import type { ResolutionSettings } from '../domain/rating-link.js';
import { recordSlaEvent } from '../domain/record-sla-event.js';

/** The support workflow reports each fired clock here; the service owns what it means. */
export function registerSlaEventRoutes(r: RouteRegistrar, deps: { prisma: PrismaClient; eventsRecorded: () => void; resolution: ResolutionSettings }) {
  r.route({
    method: 'post',
    path: '/queries/:id/sla-events',
    summary: 'Record a fired SLA clock (workflow)',
    description: 'Idempotent per (query, kind, due time): the receipt, warnings, breaches, research moves and updates, reminders, closes, confirmed resolutions, ETA alerts, the end of the reopen window.',
    tags: ['sla'],
    roles: ['service'],
    params: idParamsSchema,
    body: slaEventBodySchema,
    response: queryViewSchema,
    handler: async ({ params, body, principal }) => {
      await recordSlaEvent(deps.prisma, deps.resolution, params.id, body.kind, new Date(body.dueAt));
      deps.eventsRecorded();
      // The query as it now stands, read in one statement after the commit.
      return readVisibleQueryView(deps.prisma, principal, params.id);
    },
  });
}
