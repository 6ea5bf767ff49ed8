import { randomUUID } from 'node:crypto';
import { queryTimeLogged } from '@guild/contracts';
import type { PrismaClient, Query, QueryTimeEntry } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { SUPPORT_SOURCE } from '../domain/source.js';

export interface LoggedTime {
  minutes: number;
  note?: string | undefined;
}

/**
 * An expert logs minutes spent on a query. The entry, the query's new total and the
 * `support.query.time_logged` event commit together, so the project board gets every entry once.
 * Time on a closed query is still time worked: the expert may log it after the fact.
 */
export async function logQueryTime(prisma: PrismaClient, query: Query, expertId: string, time: LoggedTime, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const entry = await tx.queryTimeEntry.create({
      data: { id: randomUUID(), queryId: query.id, expertId, minutes: time.minutes, note: time.note ?? null, loggedBy: expertId, loggedAt: now },
    });
    // An increment, not a read-then-write: two entries logged at once both count.
    const { minutesLogged } = await tx.query.update({
      where: { id: query.id },
      data: { minutesLogged: { increment: time.minutes } },
      select: { minutesLogged: true },
    });
    await recordEvent(tx, SUPPORT_SOURCE, queryTimeLogged, {
      timeEntryId: entry.id,
      queryId: query.id,
      customerId: query.customerId,
      projectId: query.projectId,
      expertId,
      minutes: entry.minutes,
      queryMinutesLogged: minutesLogged,
      loggedAt: now.toISOString(),
    });
    return toTimeEntryView(entry, minutesLogged);
  });
}

export function toTimeEntryView(entry: QueryTimeEntry, queryMinutesLogged: number) {
  return {
    id: entry.id,
    queryId: entry.queryId,
    expertId: entry.expertId,
    minutes: entry.minutes,
    note: entry.note,
    loggedAt: entry.loggedAt.toISOString(),
    queryMinutesLogged,
  };
}
