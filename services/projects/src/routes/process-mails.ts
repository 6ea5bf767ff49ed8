import {
  boardReminderBodySchema,
  idParamsSchema,
  mailQueuedViewSchema,
  meetingReminderBodySchema,
  meetingSummaryChaseBodySchema,
  projectWeekParamsSchema,
  sprintViewSchema,
} from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { chaseMeetingSummary } from '../domain/chase-meeting-summary.js';
import { assertWeekStart, findVisibleProject } from '../domain/find-project.js';
import { findVisibleMeeting } from '../domain/meeting-view.js';
import { remindBoardGaps } from '../domain/remind-board-gaps.js';
import { remindMeeting } from '../domain/remind-meeting.js';
import { sendWeekSummary } from '../domain/send-week-summary.js';
import { sprintView } from '../domain/sprint-view.js';
import type { ProjectRouteDeps } from './projects.js';

// The mails the sprint and meeting workflows ask for. Each is queued once, keyed by its purpose,
// ids and week or time: the workflow may retry any of them freely.
export function registerProcessMailRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: ProjectRouteDeps) {
  r.route({
    method: 'post',
    path: '/projects/:id/weeks/:weekStart/summary-mail',
    summary: "Mail the week's summary to the customer's people and ops, and mark it sent (the sprint workflow)",
    description: 'Tasks done, hours per task and in total, hours against the budget, next week\'s plan, open disputes. Queued and marked in one transaction; a retry sends nothing twice.',
    tags: ['weeks'],
    roles: ['service'],
    params: projectWeekParamsSchema,
    response: sprintViewSchema,
    handler: async ({ params, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      assertWeekStart(project, params.weekStart);
      await sendWeekSummary(prisma, project, params.weekStart);
      eventsRecorded();
      return sprintView(prisma, project, params.weekStart);
    },
  });

  r.route({
    method: 'post',
    path: '/projects/:id/weeks/:weekStart/board-reminder',
    summary: 'Remind the expert of to-do tasks without an estimate, or in-progress tasks without hours this week (the sprint workflow)',
    description: 'No gap, no mail (`queued: false`); one mail per gap and week.',
    tags: ['weeks'],
    roles: ['service'],
    params: projectWeekParamsSchema,
    body: boardReminderBodySchema,
    response: mailQueuedViewSchema,
    handler: async ({ params, body, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      assertWeekStart(project, params.weekStart);
      const result = await remindBoardGaps(prisma, project, params.weekStart, body.kind);
      eventsRecorded();
      return result;
    },
  });

  r.route({
    method: 'post',
    path: '/meetings/:id/reminder',
    summary: 'Remind the customer and the expert of a meeting (the meeting workflow)',
    description: 'One reminder per meeting time and lead time; a meeting since moved or summarized gets none (`queued: false`).',
    tags: ['meetings'],
    roles: ['service'],
    params: idParamsSchema,
    body: meetingReminderBodySchema,
    response: mailQueuedViewSchema,
    handler: async ({ params, body, principal }) => {
      const { meeting, project } = await findVisibleMeeting(prisma, principal, params.id);
      const result = await remindMeeting(prisma, project, meeting, body);
      eventsRecorded();
      return result;
    },
  });

  r.route({
    method: 'post',
    path: '/meetings/:id/summary-chase',
    summary: 'The summary deadline passed: remind the expert, or alert ops (the meeting workflow)',
    description: 'Once per step; nothing once the summary is posted (`queued: false`).',
    tags: ['meetings'],
    roles: ['service'],
    params: idParamsSchema,
    body: meetingSummaryChaseBodySchema,
    response: mailQueuedViewSchema,
    handler: async ({ params, body, principal }) => {
      const { meeting, project } = await findVisibleMeeting(prisma, principal, params.id);
      const result = await chaseMeetingSummary(prisma, project, meeting, body.step);
      eventsRecorded();
      return result;
    },
  });
}
