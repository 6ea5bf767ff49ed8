import { randomUUID } from 'node:crypto';
import { queryFollowedUp } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { queryThread, type QueryWithThread } from './query-view.js';
import { SUPPORT_SOURCE } from './source.js';
import { queryClosed } from './support-errors.js';

export interface IncomingCustomerMessage {
  body: string;
  channel: 'api' | 'email';
  /** Message-ID of an inbound mail: the same mail delivered twice is stored once. */
  emailMessageId?: string;
}

/**
 * A customer's follow-up on their query. It answers a needs-info request or asks something more;
 * either way the query waits for a reply again and the workflow starts the next-reply clock.
 */
export async function recordCustomerMessage(prisma: PrismaClient, query: QueryWithThread, message: IncomingCustomerMessage, now = new Date()) {
  if (query.status === 'resolved' || query.status === 'closed') {
    throw queryClosed(query.status, 'message');
  }
  if (message.emailMessageId) {
    const known = await prisma.customerMessage.findUnique({ where: { emailMessageId: message.emailMessageId } });
    if (known) return prisma.query.findUniqueOrThrow({ where: { id: query.id }, include: queryThread });
  }
  return prisma.$transaction(async (tx) => {
    const created = await tx.customerMessage.create({
      data: { id: randomUUID(), queryId: query.id, body: message.body, channel: message.channel, emailMessageId: message.emailMessageId ?? null, receivedAt: now },
    });
    const updated = await tx.query.update({ where: { id: query.id }, data: { status: 'open' }, include: queryThread });
    await recordEvent(tx, SUPPORT_SOURCE, queryFollowedUp, {
      queryId: query.id,
      customerId: query.customerId,
      messageId: created.id,
      receivedAt: now.toISOString(),
    });
    return updated;
  });
}
