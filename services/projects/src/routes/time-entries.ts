import {
  idParamsSchema,
  pageOf,
  projectTimeEntryParamsSchema,
  reportTimeBodySchema,
  resolveDisputeBodySchema,
  timeEntryListQuerySchema,
  timeEntryViewSchema,
} from '@guild/contracts';
import { type RouteRegistrar } from '@guild/platform';
import { findVisibleProject } from '../domain/find-project.js';
import { listTimeEntries } from '../domain/list-time-entries.js';
import { reportTime } from '../domain/report-time.js';
import { resolveDispute } from '../domain/resolve-dispute.js';
import { toTimeEntryView } from '../domain/time-entry-view.js';
import type { ProjectRouteDeps } from './projects.js';

export function registerTimeEntryRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: ProjectRouteDeps) {
  r.route({
    method: 'post',
    path: '/projects/:id/time-entries',
    summary: "Report time on a task (the project's expert; ops for a week already approved)",
    description: 'One entry is 1 to 1440 minutes on one day. A week the customer approved takes entries from ops only (409 `week_approved`).',
    tags: ['hours'],
    roles: ['expert', 'ops'],
    params: idParamsSchema,
    body: reportTimeBodySchema,
    response: timeEntryViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      return toTimeEntryView(await reportTime(prisma, project, principal, body));
    },
  });

  r.route({
    method: 'get',
    path: '/projects/:id/time-entries',
    summary: "The project's time entries, by day; filter by week or status",
    tags: ['hours'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: idParamsSchema,
    query: timeEntryListQuerySchema,
    response: pageOf(timeEntryViewSchema),
    handler: async ({ params, query, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      const page = await listTimeEntries(prisma, project, query);
      return { items: page.items.map(toTimeEntryView), nextCursor: page.nextCursor };
    },
  });

  r.route({
    method: 'post',
    path: '/projects/:id/time-entries/:entryId/resolution',
    summary: 'Resolve a disputed time entry (ops): approve it, change its minutes, or reject it',
    description: 'Approving (as reported or changed) publishes `projects.timeentry.approved` once.',
    tags: ['hours'],
    roles: ['ops'],
    params: projectTimeEntryParamsSchema,
    body: resolveDisputeBodySchema,
    response: timeEntryViewSchema,
    handler: async ({ params, body, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      const entry = await resolveDispute(prisma, project, params.entryId, body, principal.subject);
      eventsRecorded();
      return toTimeEntryView(entry);
    },
  });
}
