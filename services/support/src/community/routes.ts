import {
  communityAnswerBodySchema,
  communityQuestionItemSchema,
  communityQuestionViewSchema,
  idParamsSchema,
  pageOf,
  pageQuerySchema,
} from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar } from '@guild/platform';
import { answerCommunityQuestion } from './answer-question.js';
import { listOpenQuestions } from './list-open-questions.js';
import { toCommunityQuestionView } from './question-view.js';
import { communityQuestionNotFound } from '../domain/support-errors.js';

/**
 * The expert community: any expert can read and answer "we are checking" questions, which carry
 * nothing of the customer; the answer reaches the customer only through the assigned expert.
 */
export function registerCommunityRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: { prisma: PrismaClient; eventsRecorded: () => void }) {
  r.route({
    method: 'get',
    path: '/community/questions',
    summary: 'Open community questions, oldest first (experts, ops)',
    description: 'Only the question, as the asking expert wrote it with contact details removed; never the query or the customer.',
    tags: ['community'],
    roles: ['expert', 'ops'],
    query: pageQuerySchema,
    response: pageOf(communityQuestionItemSchema),
    handler: async ({ query }) => listOpenQuestions(prisma, query),
  });

  r.route({
    method: 'get',
    path: '/community/questions/:id',
    summary: 'One community question, with its answer once answered (experts, ops)',
    tags: ['community'],
    roles: ['expert', 'ops'],
    params: idParamsSchema,
    response: communityQuestionViewSchema,
    handler: async ({ params }) => {
      const question = await prisma.communityQuestion.findUnique({ where: { id: params.id } });
      if (!question) throw communityQuestionNotFound();
      return toCommunityQuestionView(question);
    },
  });

  r.route({
    method: 'post',
    path: '/community/questions/:id/answers',
    idempotent: true,
    summary: 'Answer a community question (experts, ops)',
    description: "The answer is mailed to the query's assigned expert, who replies to the customer; a second answer is refused with 409.",
    tags: ['community'],
    roles: ['expert', 'ops'],
    params: idParamsSchema,
    body: communityAnswerBodySchema,
    response: communityQuestionViewSchema,
    status: 201,
    handler: async ({ params, body, principal }) => {
      const by = principal.expertId ?? principal.subject;
      const question = await answerCommunityQuestion(prisma, params.id, { text: body.answer, by });
      eventsRecorded();
      return toCommunityQuestionView(question);
    },
  });
}
