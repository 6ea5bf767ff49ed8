import type { PrismaClient, Project } from '@guild/db';
import { queueProjectsMail } from '../mail/mail-outbox.js';
import { npsSurveyMail } from '../mail/templates.js';
import { createNpsSurvey } from './nps.js';
import { npsAnswerToken } from './nps-link.js';
import type { ProjectsSettings } from './settings.js';

const scores = Array.from({ length: 11 }, (_, score) => score);

/**
 * Opens the week's survey and mails it to the customer's people, in one transaction: eleven
 * signed links, each opening a page that sends its score (a link never answers by being fetched).
 */
export async function openNpsSurvey(prisma: PrismaClient, project: Project, weekStart: string, settings: ProjectsSettings) {
  return prisma.$transaction(async (tx) => {
    const survey = await createNpsSurvey(tx, project, weekStart);
    // The token rides after `#`, as identity's links do: it never reaches a server or proxy log.
    const answerPage = new URL('/nps/answer', settings.publicUrl).toString();
    await queueProjectsMail(tx, {
      idempotencyKey: `nps-survey:${survey.id}`,
      template: npsSurveyMail,
      to: [{ kind: 'company', companyId: project.customerId }],
      data: {
        projectId: project.id,
        projectTitle: project.title,
        weekStart,
        answerLinks: scores.map((score) => ({ score, url: `${answerPage}#token=${encodeURIComponent(npsAnswerToken(settings.npsLinkKey, survey.id, score))}` })),
      },
    });
    return survey;
  });
}
