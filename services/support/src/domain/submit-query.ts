import { randomUUID } from 'node:crypto';
import { querySubmitted, type SubmitQueryBody } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { SUPPORT_SOURCE } from './source.js';
import { threadMessageIdOf } from './thread.js';
import { queryThread } from './query-view.js';

/** How a query arrived; a mail keeps its sender to answer and its Message-ID to thread on. */
export type QueryOrigin = { channel: 'api' } | { channel: 'email'; contactEmail: string; threadMessageId: string };

/**
 * Opens a query for a customer and hands it to their assigned expert. The query row and its
 * `support.query.submitted` event commit together, so the SLA clock can never miss a query.
 */
export async function submitQuery(prisma: PrismaClient, customerId: string, body: SubmitQueryBody, origin: QueryOrigin = { channel: 'api' }) {
  return prisma.$transaction(async (tx) => {
    const assignment = await tx.expertAssignment.findUnique({ where: { customerId } });
    const id = randomUUID();
    const query = await tx.query.create({
      data: {
        id,
        threadMessageId: origin.channel === 'email' ? origin.threadMessageId : threadMessageIdOf(id),
        channel: origin.channel,
        contactEmail: origin.channel === 'email' ? origin.contactEmail : null,
        customerId,
        assignedExpertId: assignment?.expertId ?? null,
        subject: body.subject,
        body: body.body,
      },
      include: queryThread,
    });
    await recordEvent(tx, SUPPORT_SOURCE, querySubmitted, {
      queryId: query.id,
      customerId,
      assignedExpertId: query.assignedExpertId,
      submittedAt: query.submittedAt.toISOString(),
    });
    return query;
  });
}
