import type { EventPayload, timeEntryApproved } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { workAmountCents } from './work-amount.js';

/**
 * Records approved hours for the next payout cycle, once per time entry. Disputed hours never
 * arrive here: projects publishes an entry only when it is approved (a resolved dispute included).
 */
export async function recordApprovedWork(prisma: PrismaClient, entry: EventPayload<typeof timeEntryApproved>): Promise<void> {
  await prisma.approvedWork.createMany({
    data: [
      {
        timeEntryId: entry.timeEntryId,
        expertId: entry.expertId,
        projectId: entry.projectId,
        minutes: entry.minutes,
        expertRateCents: entry.expertRateCents,
        amountCents: workAmountCents(entry.minutes, entry.expertRateCents),
        day: new Date(`${entry.day}T00:00:00Z`),
        approvedAt: new Date(entry.approvedAt),
      },
    ],
    skipDuplicates: true,
  });
}
