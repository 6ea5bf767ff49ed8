import {
  bookMeetingBodySchema,
  declineMeetingBodySchema,
  idParamsSchema,
  lateRescheduleReportQuerySchema,
  lateRescheduleReportSchema,
  meetingSummaryBodySchema,
  meetingViewSchema,
} from '@guild/contracts';
import { notFound, type RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { acceptProposedTime, confirmMeeting, declineMeeting } from '../domain/answer-meeting.js';
import { bookMeeting } from '../domain/book-meeting.js';
import { findVisibleProject } from '../domain/find-project.js';
import { lateRescheduleReport } from '../domain/late-reschedule-report.js';
import { findVisibleMeeting, toMeetingView, withFollowUps } from '../domain/meeting-view.js';
import type { ProjectsSettings } from '../domain/settings.js';
import { summarizeMeeting } from '../domain/summarize-meeting.js';
import type { ProjectRouteDeps } from './projects.js';

export function registerMeetingRoutes(r: RouteRegistrar, { prisma, eventsRecorded, settings }: ProjectRouteDeps & { settings: ProjectsSettings }) {
  r.route({
    method: 'post',
    path: '/projects/:id/meetings',
    summary: "Book a meeting with the project's expert (customer)",
    tags: ['meetings'],
    roles: ['customer'],
    params: idParamsSchema,
    body: bookMeetingBodySchema,
    response: meetingViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      const meeting = await bookMeeting(prisma, project, body, principal.subject);
      eventsRecorded();
      return toMeetingView(meeting);
    },
  });

  r.route({
    method: 'get',
    path: '/projects/:id/meetings',
    summary: "The project's meetings, soonest first",
    tags: ['meetings'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: idParamsSchema,
    response: z.object({ items: z.array(meetingViewSchema) }),
    handler: async ({ params, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      const rows = await prisma.meeting.findMany({ where: { projectId: project.id }, include: withFollowUps, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], take: 500 });
      return { items: rows.map(toMeetingView) };
    },
  });

  r.route({
    method: 'get',
    path: '/meetings/:id',
    summary: 'Read a meeting',
    tags: ['meetings'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: idParamsSchema,
    response: meetingViewSchema,
    handler: async ({ params, principal }) => toMeetingView((await findVisibleMeeting(prisma, principal, params.id)).meeting),
  });

  r.route({
    method: 'post',
    path: '/meetings/:id/confirmation',
    summary: 'Confirm you will attend (the expert)',
    tags: ['meetings'],
    roles: ['expert'],
    params: idParamsSchema,
    response: meetingViewSchema,
    handler: async ({ params, principal }) => {
      const { meeting, project } = await findVisibleMeeting(prisma, principal, params.id);
      const confirmed = await confirmMeeting(prisma, project, meeting);
      eventsRecorded();
      return toMeetingView(confirmed);
    },
  });

  r.route({
    method: 'post',
    path: '/meetings/:id/decline',
    summary: 'Say you cannot attend and propose another time (the expert)',
    description: `Declining with less notice than the policy asks (${settings.rescheduleNoticeHours} h by default) is recorded as a late reschedule, which ops see per expert.`,
    tags: ['meetings'],
    roles: ['expert'],
    params: idParamsSchema,
    body: declineMeetingBodySchema,
    response: meetingViewSchema,
    handler: async ({ params, body, principal }) => {
      const { meeting, project } = await findVisibleMeeting(prisma, principal, params.id);
      const declined = await declineMeeting(prisma, project, meeting, body, settings.rescheduleNoticeHours);
      eventsRecorded();
      return toMeetingView(declined);
    },
  });

  r.route({
    method: 'post',
    path: '/meetings/:id/proposal-acceptance',
    summary: "Take the expert's proposed time (customer)",
    tags: ['meetings'],
    roles: ['customer'],
    params: idParamsSchema,
    response: meetingViewSchema,
    handler: async ({ params, principal }) => {
      const { meeting, project } = await findVisibleMeeting(prisma, principal, params.id);
      const moved = await acceptProposedTime(prisma, project, meeting);
      eventsRecorded();
      return toMeetingView(moved);
    },
  });

  r.route({
    method: 'post',
    path: '/meetings/:id/summary',
    summary: 'Post the three summary points of a held meeting, with its follow-up tasks (the expert)',
    description: 'Exactly three points (400 otherwise); follow-up tasks go on the board with their estimates.',
    tags: ['meetings'],
    roles: ['expert'],
    params: idParamsSchema,
    body: meetingSummaryBodySchema,
    response: meetingViewSchema,
    handler: async ({ params, body, principal }) => {
      const { meeting, project } = await findVisibleMeeting(prisma, principal, params.id);
      if (meeting.expertId !== principal.expertId) throw notFound('meeting');
      const summarized = await summarizeMeeting(prisma, project, meeting, body, principal.subject);
      eventsRecorded();
      return toMeetingView(summarized);
    },
  });

  r.route({
    method: 'get',
    path: '/reports/late-reschedules',
    summary: 'Meetings each expert declined too late (ops)',
    tags: ['reports'],
    roles: ['ops'],
    query: lateRescheduleReportQuerySchema,
    response: lateRescheduleReportSchema,
    handler: async ({ query }) => lateRescheduleReport(prisma, query.expertId),
  });
}
