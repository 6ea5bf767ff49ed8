import { randomUUID } from 'node:crypto';
import { npsAnswered } from '@guild/contracts';
import type { NpsSurvey, Prisma, PrismaClient, Project } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { queueProjectsMail } from '../mail/mail-outbox.js';
import { npsDetractorMail } from '../mail/templates.js';
import { npsDueFor } from './nps-cadence.js';
import { readNpsAnswerToken } from './nps-link.js';
import { invalidNpsLink, npsAlreadyAnswered, npsNotDue } from './projects-errors.js';
import { PROJECTS_SOURCE } from './source.js';
import { dateOfDay, dayOf } from './weeks.js';

/** Scores from 0 to 6 are detractors: ops are alerted and support opens a query for the customer. */
export const isDetractor = (score: number) => score <= 6;

/** The survey of a project week, made once: a retried call returns the same survey. */
export async function createNpsSurvey(prisma: Prisma.TransactionClient | PrismaClient, project: Project, weekStart: string) {
  if (!npsDueFor(project, weekStart)) throw npsNotDue(weekStart);
  const key = { projectId: project.id, period: dateOfDay(weekStart) };
  await prisma.npsSurvey.createMany({ data: [{ id: randomUUID(), ...key }], skipDuplicates: true });
  return prisma.npsSurvey.findUniqueOrThrow({ where: { projectId_period: key } });
}

/** One answer per survey, from the signed link; the score and the detractor flag go out as an event, and a detractor alerts ops. */
export async function answerNpsSurvey(prisma: PrismaClient, linkKey: string, body: { token: string; comment?: string | undefined }) {
  const link = readNpsAnswerToken(linkKey, body.token);
  if (!link) throw invalidNpsLink();
  return prisma.$transaction(async (tx) => {
    const survey = await tx.npsSurvey.findUnique({ where: { id: link.surveyId }, include: { project: true } });
    if (!survey) throw invalidNpsLink();
    const answeredAt = new Date();
    const answered = await tx.npsSurvey.updateMany({
      where: { id: survey.id, answeredAt: null },
      data: { score: link.score, comment: body.comment ?? null, answeredAt },
    });
    if (answered.count === 0) throw npsAlreadyAnswered();
    await recordEvent(tx, PROJECTS_SOURCE, npsAnswered, {
      surveyId: survey.id,
      projectId: survey.projectId,
      customerId: survey.project.customerId,
      expertId: survey.project.expertId,
      period: dayOf(survey.period),
      score: link.score,
      detractor: isDetractor(link.score),
      answeredAt: answeredAt.toISOString(),
      projectTitle: survey.project.title,
      // A detractor's words become the support query opened for them; other comments stay here.
      ...(isDetractor(link.score) ? { comment: body.comment ?? null } : {}),
    });
    if (isDetractor(link.score)) {
      await queueProjectsMail(tx, {
        idempotencyKey: `nps-detractor:${survey.id}`,
        template: npsDetractorMail,
        to: [{ kind: 'ops' }],
        data: {
          projectId: survey.projectId,
          projectTitle: survey.project.title,
          customerId: survey.project.customerId,
          expertId: survey.project.expertId,
          period: dayOf(survey.period),
          score: link.score,
          comment: body.comment ?? null,
        },
      });
    }
    return { surveyId: survey.id, score: link.score, answeredAt: answeredAt.toISOString() };
  });
}

export function toNpsSurveyView(s: NpsSurvey) {
  return {
    id: s.id,
    projectId: s.projectId,
    period: dayOf(s.period),
    answeredAt: s.answeredAt?.toISOString() ?? null,
    score: s.score,
    createdAt: s.createdAt.toISOString(),
  };
}
