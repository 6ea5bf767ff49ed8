import { communityAnswered } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { SUPPORT_SOURCE } from '../domain/source.js';
import { queueSupportMail } from '../domain/mail-outbox.js';
import { communityAnswerMail } from '../mail/templates.js';
import { communityQuestionNotFound, alreadyAnswered } from '../domain/support-errors.js';

/**
 * Stores an expert's answer to a community question and mails it to the query's assigned expert,
 * who replies to the customer in their own words: the answer never goes to the customer directly.
 * The answer stops the query's community timer (its event tells the workflow). A question takes
 * one answer; a second one is a 409.
 */
export async function answerCommunityQuestion(
  prisma: PrismaClient,
  questionId: string,
  answer: { text: string; by: string },
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    // Conditional update: of two experts answering at once, only one answer is kept.
    const { count } = await tx.communityQuestion.updateMany({
      where: { id: questionId, answeredAt: null },
      data: { answer: answer.text, answeredBy: answer.by, answeredAt: now },
    });
    const question = await tx.communityQuestion.findUnique({ where: { id: questionId } });
    if (!question) throw communityQuestionNotFound();
    if (count === 0) throw alreadyAnswered();

    const query = await tx.query.findUniqueOrThrow({ where: { id: question.queryId } });
    // Without an assigned expert ops pass the answer on, so it is not lost.
    await queueSupportMail(tx, {
      idempotencyKey: `community-answer:${question.id}`,
      template: communityAnswerMail,
      data: { queryId: query.id, querySubject: query.subject, question: question.question, answer: answer.text },
      to: [query.assignedExpertId ? { kind: 'expert', expertId: query.assignedExpertId } : { kind: 'ops' }],
    });
    await recordEvent(tx, SUPPORT_SOURCE, communityAnswered, { queryId: query.id, questionId: question.id, answeredAt: now.toISOString() });
    return question;
  });
}
