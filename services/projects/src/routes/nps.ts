import {
  createNpsSurveyBodySchema,
  idParamsSchema,
  npsAnswerBodySchema,
  npsAnswerViewSchema,
  npsReportQuerySchema,
  npsReportSchema,
  npsSurveyViewSchema,
} from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { assertWeekStart, findVisibleProject } from '../domain/find-project.js';
import { answerNpsSurvey, toNpsSurveyView } from '../domain/nps.js';
import { openNpsSurvey } from '../domain/open-nps-survey.js';
import { npsReport } from '../domain/nps-report.js';
import type { ProjectsSettings } from '../domain/settings.js';
import type { ProjectRouteDeps } from './projects.js';

export function registerNpsRoutes(r: RouteRegistrar, { prisma, eventsRecorded, settings }: ProjectRouteDeps & { settings: ProjectsSettings }) {
  r.route({
    method: 'post',
    path: '/projects/:id/nps-surveys',
    summary: "Open the NPS survey of a project week and mail it to the customer's people (the sprint workflow)",
    description: "One per project and week, mailed once (a retry returns the same survey); 409 `nps_not_due` on a week the project's cadence skips.",
    tags: ['nps'],
    roles: ['service'],
    params: idParamsSchema,
    body: createNpsSurveyBodySchema,
    response: npsSurveyViewSchema,
    status: 201,
    handler: async ({ params, body, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      assertWeekStart(project, body.weekStart);
      const survey = await openNpsSurvey(prisma, project, body.weekStart, settings);
      eventsRecorded();
      return toNpsSurveyView(survey);
    },
  });

  r.route({
    method: 'get',
    path: '/projects/:id/nps-surveys',
    summary: "The project's NPS surveys and scores",
    tags: ['nps'],
    roles: ['customer', 'ops', 'service'],
    params: idParamsSchema,
    response: z.object({ items: z.array(npsSurveyViewSchema) }),
    handler: async ({ params, principal }) => {
      const project = await findVisibleProject(prisma, principal, params.id);
      const rows = await prisma.npsSurvey.findMany({ where: { projectId: project.id }, orderBy: [{ period: 'desc' }, { id: 'asc' }], take: 500 });
      return { items: rows.map(toNpsSurveyView) };
    },
  });

  r.route({
    method: 'post',
    path: '/nps/answers',
    summary: 'Answer an NPS survey through its signed one-click link',
    description: 'The token carries the survey and the 0–10 score, signed; one answer per survey (409 on a second). No sign-in.',
    tags: ['nps'],
    roles: 'public',
    body: npsAnswerBodySchema,
    response: npsAnswerViewSchema,
    status: 201,
    handler: async ({ body }) => {
      const answer = await answerNpsSurvey(prisma, settings.npsLinkKey, body);
      eventsRecorded();
      return answer;
    },
  });

  r.route({
    method: 'get',
    path: '/reports/nps',
    summary: 'NPS over time, per project and per expert (ops)',
    tags: ['reports'],
    roles: ['ops'],
    query: npsReportQuerySchema,
    response: npsReportSchema,
    handler: async ({ query }) => npsReport(prisma, query),
  });
}
