import { randomUUID } from 'node:crypto';
import { queryFollowedUp } from '@guild/contracts';
import type { PrismaClient, QueryStatus } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { hasEnded, lockedQueryStatus } from './lock-query.js';
import { queryThread, type QueryWithThread } from './query-view.js';
import { SUPPORT_SOURCE } from './source.js';
import { submitQuery } from './submit-query.js';

export interface IncomingCustomerMessage {
  body: string;
  channel: 'api' | 'email';
  /** Message-ID of an inbound mail: the same mail delivered twice is stored once. */
  emailMessageId?: string;
}

/** While the community checks or research runs, a follow-up is answered without stopping that work. */
const keepsStatus: ReadonlySet<QueryStatus> = new Set(['community', 'research']);

/**
 * A customer's follow-up on their query. It answers a needs-info request, asks something more,
 * disputes a proposed resolution, or — on a resolved or closed query whose reopen window is still
 * open — reopens it; the workflow starts the next-reply clock. After the reopen window the message
 * opens a new query that follows the old one. Answers the query the message now belongs to.
 */
export async function recordCustomerMessage(prisma: PrismaClient, query: QueryWithThread, message: IncomingCustomerMessage, now = new Date()) {
  if (message.emailMessageId) {
    const known = await prisma.customerMessage.findUnique({ where: { emailMessageId: message.emailMessageId } });
    if (known) return prisma.query.findUniqueOrThrow({ where: { id: known.queryId }, include: queryThread });
  }
  if (query.reopenWindowEndedAt) return openFollowingQuery(prisma, query, message);
  return prisma.$transaction(async (tx) => {
    // The status as it is under the row lock: a close that committed meanwhile is reopened, not overwritten.
    const current = (await lockedQueryStatus(tx, query.id)) as QueryStatus;
    const reopening = hasEnded(current);
    const created = await tx.customerMessage.create({
      data: { id: randomUUID(), queryId: query.id, body: message.body, channel: message.channel, emailMessageId: message.emailMessageId ?? null, receivedAt: now },
    });
    const status = keepsStatus.has(current) ? current : 'open';
    const updated = await tx.query.update({
      where: { id: query.id },
      data: { status, ...(reopening ? { reopenedAt: now, resolvedAt: null, closedAt: null, closeNote: null } : {}) },
      include: queryThread,
    });
    await recordEvent(tx, SUPPORT_SOURCE, queryFollowedUp, {
      queryId: query.id,
      customerId: query.customerId,
      messageId: created.id,
      receivedAt: now.toISOString(),
    });
    return updated;
  });
}

function openFollowingQuery(prisma: PrismaClient, query: QueryWithThread, message: IncomingCustomerMessage) {
  const origin =
    message.channel === 'email' && query.contactEmail && message.emailMessageId
      ? { channel: 'email' as const, contactEmail: query.contactEmail, threadMessageId: message.emailMessageId }
      : { channel: 'api' as const };
  return submitQuery(prisma, query.customerId, { subject: `Follow-up to #${query.number}: ${query.subject}`.slice(0, 200), body: message.body }, origin, query.id);
}
