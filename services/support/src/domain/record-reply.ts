import { randomUUID } from 'node:crypto';
import { queryReplied, taskRequested, type ReplyBody, type ReplyKind } from '@guild/contracts';
import type { Prisma, PrismaClient, QueryStatus } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { communityQuestionMail, queryUpdateMail } from '../mail/templates.js';
import { customerRecipients, queueSupportMail, threadHeaders } from './mail-outbox.js';
import { removeContactDetails } from './remove-contact-details.js';
import { hasEnded, lockedQueryStatus } from './lock-query.js';
import { queryThread, type QueryWithThread } from './query-view.js';
import { replyMailText } from './reply-mail.js';
import { SUPPORT_SOURCE } from './source.js';
import { queryClosed, firstReplyWithoutEta } from './support-errors.js';

const statusAfterReply: Record<ReplyKind, QueryStatus> = {
  answer: 'answered',
  action: 'answered',
  checking: 'community',
  research: 'research',
  needs_info: 'awaiting_customer',
};

/**
 * Stores an expert's (or ops') reply and mails it to the customer in the query's thread. The first reply
 * must carry an ETA. Its kind moves the query on: a checking reply opens a community question,
 * an action reply asks the project board for a task, needs_info waits for the customer.
 */
export async function recordReply(prisma: PrismaClient, query: QueryWithThread, expertId: string, body: ReplyBody, now = new Date()) {
  if (query.status === 'resolved' || query.status === 'closed') {
    throw queryClosed(query.status, 'reply');
  }
  const first = query.firstRepliedAt === null;
  if (first && body.etaMinutes === undefined && body.etaAt === undefined) {
    throw firstReplyWithoutEta();
  }
  const etaAt = body.etaAt ? new Date(body.etaAt) : body.etaMinutes ? new Date(now.getTime() + body.etaMinutes * 60_000) : null;

  return prisma.$transaction(async (tx) => {
    // Checked again under the row lock: a resolution or close that won the race refuses this reply.
    const status = await lockedQueryStatus(tx, query.id);
    if (hasEnded(status)) throw queryClosed(status, 'reply');
    const reply = await tx.queryReply.create({
      data: {
        id: randomUUID(),
        queryId: query.id,
        expertId,
        kind: body.kind,
        answer: body.answer,
        etaMinutes: body.etaMinutes ?? null,
        etaAt,
        needInfo: body.needInfo ?? undefined,
        taskRequestId: body.kind === 'action' ? randomUUID() : null,
        createdAt: now,
      },
    });
    // Conditional update: only the first reply ever sets the first-reply time, even under races.
    await tx.query.updateMany({ where: { id: query.id, firstRepliedAt: null }, data: { firstRepliedAt: now } });
    const updated = await tx.query.update({
      where: { id: query.id },
      data: { status: statusAfterReply[body.kind], replyDueAt: null, ...(etaAt ? { etaAt } : {}) },
      include: queryThread,
    });

    if (body.kind === 'checking') {
      const question = removeContactDetails(body.communityQuestion!);
      const asked = await tx.communityQuestion.upsert({
        where: { queryId: query.id },
        create: { id: randomUUID(), queryId: query.id, question },
        update: { question, openedAt: now, answer: null, answeredBy: null, answeredAt: null },
      });
      await mailCommunity(tx, { queryId: query.id, querySubject: query.subject, questionId: asked.id, question }, expertId, reply.id);
    }
    if (body.kind === 'action') {
      await recordEvent(tx, SUPPORT_SOURCE, taskRequested, {
        taskRequestId: reply.taskRequestId!,
        queryId: query.id,
        customerId: query.customerId,
        expertId,
        title: body.task!.title,
        estimateMinutes: body.task!.estimateMinutes ?? null,
        projectId: query.projectId,
      });
    }
    await recordEvent(tx, SUPPORT_SOURCE, queryReplied, {
      queryId: query.id,
      customerId: query.customerId,
      replyId: reply.id,
      expertId,
      kind: body.kind,
      repliedAt: now.toISOString(),
      etaMinutes: reply.etaMinutes,
      etaAt: etaAt?.toISOString() ?? null,
    });
    await queueSupportMail(tx, {
      idempotencyKey: `reply:${reply.id}`,
      template: queryUpdateMail,
      data: { queryId: query.id, querySubject: query.subject, message: replyMailText(body, etaAt, query.etaAt) },
      to: customerRecipients(query),
      headers: threadHeaders(query, `r-${reply.id}`),
    });
    return updated;
  });
}

/**
 * A new community question goes to the experts support knows (every assigned and backup expert,
 * until experts have skills to match), the asking one left out. Without any, the question waits
 * on /community/questions.
 */
async function mailCommunity(tx: Prisma.TransactionClient, question: { queryId: string; querySubject: string; questionId: string; question: string }, askedBy: string, replyId: string) {
  const assignments = await tx.expertAssignment.findMany({ select: { expertId: true, backupExpertId: true } });
  const experts = new Set(assignments.flatMap((a) => [a.expertId, a.backupExpertId]).filter((id): id is string => id !== null && id !== askedBy));
  if (experts.size === 0) return;
  await queueSupportMail(tx, {
    idempotencyKey: `community-question:${replyId}`,
    template: communityQuestionMail,
    data: question,
    to: [...experts].sort().map((expertId) => ({ kind: 'expert' as const, expertId })),
  });
}
