import {
  approveWeekBodySchema,
  disputeEntriesBodySchema,
  pageOf,
  pageQuerySchema,
  planWeekBodySchema,
  projectWeekParamsSchema,
  sprintViewSchema,
  summaryCallBodySchema,
  summaryCallViewSchema,
  weekApprovalViewSchema,
  weekSummarySchema,
} from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { REVIEW_WINDOW } from '../domain/approve-entry.js';
import { reviewWeek } from '../domain/approve-week.js';
import { assertWeekStart, findProjectToApprove, findVisibleProject } from '../domain/find-project.js';
import { markSummarySent } from '../domain/mark-summary-sent.js';
import { cursorArgs, pageOf as pageOfRows } from '../domain/page.js';
import { planWeek } from '../domain/plan-week.js';
import { requestSummaryCall, toSummaryCallView } from '../domain/request-summary-call.js';
import { sprintView } from '../domain/sprint-view.js';
import { weekSummary } from '../domain/week-summary.js';
import type { ProjectRouteDeps } from './projects.js';

export function registerWeekRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: ProjectRouteDeps) {
  const visibleWeek = async (principal: Parameters<typeof findVisibleProject>[1], params: { id: string; weekStart: string }) => {
    const project = await findVisibleProject(prisma, principal, params.id);
    assertWeekStart(project, params.weekStart);
    return project;
  };

  r.route({
    method: 'get',
    path: '/projects/:id/weeks/:weekStart',
    summary: 'The sprint of a project week: its plan, minutes per task, total against the budget',
    description: '`weekStart` is a day the project\'s weeks start on (400 otherwise).',
    tags: ['weeks'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: projectWeekParamsSchema,
    response: sprintViewSchema,
    handler: async ({ params, principal }) => sprintView(prisma, await visibleWeek(principal, params), params.weekStart),
  });

  r.route({
    method: 'put',
    path: '/projects/:id/weeks/:weekStart/plan',
    summary: 'Plan the tasks of a week',
    tags: ['weeks'],
    roles: ['customer', 'expert', 'ops'],
    params: projectWeekParamsSchema,
    body: planWeekBodySchema,
    response: sprintViewSchema,
    handler: async ({ params, body, principal }) => {
      const project = await visibleWeek(principal, params);
      await planWeek(prisma, project, params.weekStart, body.taskIds);
      return sprintView(prisma, project, params.weekStart);
    },
  });

  r.route({
    method: 'post',
    path: '/projects/:id/weeks/:weekStart/approval',
    summary: "Approve a week's hours (the project's customer, or ops), disputing chosen entries",
    description:
      'Every submitted entry of the week is approved except the ones listed in `disputes`, which are frozen until ops resolve them. Each approved entry publishes `projects.timeentry.approved` once; a repeated call approves nothing twice. To anyone else the project is 404.',
    tags: ['weeks'],
    roles: ['customer', 'expert', 'ops'],
    params: projectWeekParamsSchema,
    body: approveWeekBodySchema,
    response: weekApprovalViewSchema,
    handler: async ({ params, body, principal }) => {
      const project = await findProjectToApprove(prisma, principal, params.id);
      assertWeekStart(project, params.weekStart);
      const result = await reviewWeek(prisma, project, params.weekStart, { by: principal.subject, disputes: body.disputes });
      eventsRecorded();
      return result;
    },
  });

  r.route({
    method: 'post',
    path: '/projects/:id/weeks/:weekStart/disputes',
    summary: 'Dispute chosen entries of a week, leaving the rest for approval',
    tags: ['weeks'],
    roles: ['customer', 'expert', 'ops'],
    params: projectWeekParamsSchema,
    body: disputeEntriesBodySchema,
    response: weekApprovalViewSchema,
    handler: async ({ params, body, principal }) => {
      const project = await findProjectToApprove(prisma, principal, params.id);
      assertWeekStart(project, params.weekStart);
      const result = await reviewWeek(prisma, project, params.weekStart, { by: principal.subject, disputes: body.disputes, disputeOnly: true });
      eventsRecorded();
      return result;
    },
  });

  r.route({
    method: 'post',
    path: '/projects/:id/weeks/:weekStart/auto-approval',
    summary: 'Approve what is still submitted when the review window closes (the sprint workflow)',
    description: 'Disputed entries stay frozen. Idempotent: a retry approves and publishes nothing twice.',
    tags: ['weeks'],
    roles: ['service'],
    params: projectWeekParamsSchema,
    response: weekApprovalViewSchema,
    handler: async ({ params, principal }) => {
      const project = await visibleWeek(principal, params);
      const result = await reviewWeek(prisma, project, params.weekStart, { by: REVIEW_WINDOW, disputes: [] });
      eventsRecorded();
      return result;
    },
  });

  r.route({
    method: 'get',
    path: '/projects/:id/weeks/:weekStart/summary',
    summary: "The week's summary: tasks done, hours per task and in total, budget, next week's plan, open disputes",
    tags: ['weeks'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: projectWeekParamsSchema,
    response: weekSummarySchema,
    handler: async ({ params, principal }) => weekSummary(prisma, await visibleWeek(principal, params), params.weekStart),
  });

  r.route({
    method: 'post',
    path: '/projects/:id/weeks/:weekStart/summary-sent',
    summary: "Mark the week's summary sent (the sprint workflow)",
    description: 'Idempotent: the first mark stays.',
    tags: ['weeks'],
    roles: ['service'],
    params: projectWeekParamsSchema,
    response: sprintViewSchema,
    handler: async ({ params, principal }) => {
      const project = await visibleWeek(principal, params);
      await markSummarySent(prisma, project, params.weekStart);
      return sprintView(prisma, project, params.weekStart);
    },
  });

  r.route({
    method: 'post',
    path: '/projects/:id/weeks/:weekStart/summary-call',
    summary: 'Ask for a summary call at your preferred time (customer): ops arrange it',
    tags: ['weeks'],
    roles: ['customer'],
    params: projectWeekParamsSchema,
    body: summaryCallBodySchema,
    response: summaryCallViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => {
      const project = await visibleWeek(principal, params);
      const call = await requestSummaryCall(prisma, project, params.weekStart, { ...body, requestedBy: principal.subject });
      eventsRecorded();
      return toSummaryCallView(call);
    },
  });

  r.route({
    method: 'get',
    path: '/summary-calls',
    summary: 'Summary calls customers asked for, oldest first (ops)',
    tags: ['weeks'],
    roles: ['ops'],
    query: pageQuerySchema.extend({ projectId: z.uuid().optional() }),
    response: pageOf(summaryCallViewSchema),
    handler: async ({ query }) => {
      const rows = await prisma.summaryCallRequest.findMany({
        where: query.projectId ? { projectId: query.projectId } : {},
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: query.limit + 1,
        ...cursorArgs(query.cursor),
      });
      const page = pageOfRows(rows, query.limit);
      return { items: page.items.map(toSummaryCallView), nextCursor: page.nextCursor };
    },
  });
}
