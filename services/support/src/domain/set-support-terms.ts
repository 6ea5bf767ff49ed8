import { queryTermsChanged, type BusinessCalendarBody } from '@guild/contracts';
import { Prisma, type PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { SUPPORT_SOURCE } from './source.js';

/**
 * Ops set the customer's business-hours calendar (null: round the clock). Every query whose
 * workflow may still run — open, or resolved or closed inside its reopen window — is told in the
 * same transaction, so a reply clock already running counts in the new calendar from now on; new
 * queries read the terms when they start.
 */
export async function setSupportTerms(prisma: PrismaClient, customerId: string, calendar: BusinessCalendarBody | null, now = new Date()) {
  await prisma.$transaction(async (tx) => {
    const stored = calendar ?? Prisma.DbNull;
    await tx.supportTerms.upsert({ where: { customerId }, create: { customerId, calendar: stored }, update: { calendar: stored } });
    const running = await tx.query.findMany({ where: { customerId, reopenWindowEndedAt: null }, select: { id: true }, orderBy: { submittedAt: 'asc' } });
    for (const { id } of running) {
      await recordEvent(tx, SUPPORT_SOURCE, queryTermsChanged, { queryId: id, customerId, calendar, changedAt: now.toISOString() });
    }
  });
}
