import { queryResolved } from '@guild/contracts';
import type { Prisma, PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { queryResolvedMail } from '../mail/templates.js';
import { customerRecipients, queueSupportMail, threadHeaders } from './mail-outbox.js';
import { hasEnded, lockedQueryStatus } from './lock-query.js';
import { queryThread, type QueryWithThread } from './query-view.js';
import { ratingLinks, type ResolutionSettings } from './rating-link.js';
import { SUPPORT_SOURCE } from './source.js';

/**
 * The work is delivered and agreed: the customer confirmed, ops resolved, or a proposed
 * resolution's quiet period ended. The clocks stop and the customer gets the resolution mail
 * with its one-click rating. Resolving twice changes nothing.
 */
export async function resolveQuery(prisma: PrismaClient, query: QueryWithThread, by: string, settings: ResolutionSettings, now = new Date()) {
  if (query.status === 'resolved' || query.status === 'closed') return query;
  return prisma.$transaction(async (tx) => {
    // Resolving twice at once: the second waits for the first and then changes nothing.
    if (hasEnded(await lockedQueryStatus(tx, query.id))) return tx.query.findUniqueOrThrow({ where: { id: query.id }, include: queryThread });
    await markResolved(tx, query, by, settings, now);
    return tx.query.findUniqueOrThrow({ where: { id: query.id }, include: queryThread });
  });
}

/** Resolves in the caller's transaction: the row, its event and the resolution mail commit together. */
export async function markResolved(
  tx: Prisma.TransactionClient,
  query: { id: string; number: number; customerId: string; contactEmail: string | null; subject: string; threadMessageId: string | null },
  by: string,
  settings: ResolutionSettings,
  now: Date,
) {
  await tx.query.update({ where: { id: query.id }, data: { status: 'resolved', resolvedAt: now, replyDueAt: null } });
  await recordEvent(tx, SUPPORT_SOURCE, queryResolved, { queryId: query.id, customerId: query.customerId, resolvedAt: now.toISOString(), by });
  await queueSupportMail(tx, {
    idempotencyKey: `resolved:${query.id}:${now.toISOString()}`,
    template: queryResolvedMail,
    data: { queryId: query.id, querySubject: query.subject, number: query.number, ratingLinks: ratingLinks(settings, query.id, now) },
    to: customerRecipients(query),
    headers: threadHeaders(query, `resolved-${query.id}-${now.getTime()}`),
  });
}
