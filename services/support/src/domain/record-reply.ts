import { randomUUID } from 'node:crypto';
import { queryReplied, type ReplyBody } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { SUPPORT_SOURCE } from './source.js';

/**
 * Stores an expert's reply. The first reply stops the first-reply clock: the query counts as
 * answered from then on, even when it had already been escalated.
 */
export async function recordReply(prisma: PrismaClient, queryId: string, expertId: string, body: ReplyBody) {
  return prisma.$transaction(async (tx) => {
    const reply = await tx.queryReply.create({
      data: {
        id: randomUUID(),
        queryId,
        expertId,
        answer: body.answer,
        etaMinutes: body.etaMinutes ?? null,
        etaAt: body.etaAt ? new Date(body.etaAt) : null,
      },
    });
    // Conditional update: only the first reply ever sets the first-reply time, even under races.
    await tx.query.updateMany({
      where: { id: queryId, firstRepliedAt: null },
      data: { firstRepliedAt: reply.createdAt },
    });
    const query = await tx.query.update({
      where: { id: queryId },
      data: { status: 'answered' },
      include: { replies: { orderBy: { createdAt: 'asc' } } },
    });
    await recordEvent(tx, SUPPORT_SOURCE, queryReplied, {
      queryId,
      customerId: query.customerId,
      replyId: reply.id,
      expertId,
      repliedAt: reply.createdAt.toISOString(),
      etaMinutes: reply.etaMinutes,
      etaAt: reply.etaAt?.toISOString() ?? null,
    });
    return query;
  });
}
