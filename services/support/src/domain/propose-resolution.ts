import { queryResolutionProposed } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { queryUpdateMail } from '../mail/templates.js';
import { customerRecipients, queueSupportMail, threadHeaders } from './mail-outbox.js';
import { queryThread, type QueryWithThread } from './query-view.js';
import { SUPPORT_SOURCE } from './source.js';
import { queryClosed } from './support-errors.js';

/**
 * The expert says the work is delivered. The customer confirms (or writes back that it is not);
 * without an answer the workflow confirms it when the quiet period ends.
 */
export async function proposeResolution(prisma: PrismaClient, query: QueryWithThread, by: string, now = new Date()) {
  if (query.status === 'resolved' || query.status === 'closed') throw queryClosed(query.status, 'reply');
  if (query.status === 'resolution_proposed') return query;
  return prisma.$transaction(async (tx) => {
    const updated = await tx.query.update({
      where: { id: query.id },
      data: { status: 'resolution_proposed', resolutionProposedAt: now, etaAt: null },
      include: queryThread,
    });
    await recordEvent(tx, SUPPORT_SOURCE, queryResolutionProposed, { queryId: query.id, customerId: query.customerId, proposedAt: now.toISOString(), by });
    await queueSupportMail(tx, {
      idempotencyKey: `resolution-proposed:${query.id}:${now.toISOString()}`,
      template: queryUpdateMail,
      data: {
        queryId: query.id,
        querySubject: query.subject,
        message: `We believe query #${query.number} is resolved. Please confirm it (POST /queries/${query.id}/resolution), or reply to this email if it is not; without an answer we will consider it resolved.`,
      },
      to: customerRecipients(query),
      headers: threadHeaders(query, `proposed-${query.id}-${now.getTime()}`),
    });
    return updated;
  });
}
