import { businessCalendarSchema, type SupportReport, type SupportStats } from '@guild/contracts';
import { businessTimeBetween } from '@guild/contracts/business-hours';
import type { PrismaClient } from '@guild/db';
import { percentile, roundTo } from './statistics.js';

type Calendar = ReturnType<typeof businessCalendarSchema.parse>;

/** What one query contributes to its groups; minutes already in its customer's clock. */
interface QueryFigures {
  expertId: string | null;
  customerId: string;
  breached: boolean;
  firstReply: number | null;
  nextReplies: { waits: number; answered: number[] };
  resolution: number | null;
  rating: number | null;
}

const minuteMs = 60_000;

/**
 * Support as ops measure it, over the queries submitted in [from, to): first replies, next replies
 * (from a customer's follow-up to the reply after it), resolution time, breach rate and the
 * customers' ratings — overall, per assigned expert and per customer. A customer with a
 * business-hours calendar is measured in their open hours, the same math as the workflow's clocks.
 */
export async function supportReport(prisma: PrismaClient, range: { from: Date; to: Date }): Promise<SupportReport> {
  const queries = await prisma.query.findMany({
    where: { submittedAt: { gte: range.from, lt: range.to } },
    select: {
      customerId: true,
      assignedExpertId: true,
      submittedAt: true,
      firstRepliedAt: true,
      resolvedAt: true,
      slaBreached: true,
      replies: { select: { createdAt: true }, orderBy: { createdAt: 'asc' } },
      messages: { select: { receivedAt: true }, orderBy: { receivedAt: 'asc' } },
      rating: { select: { score: true } },
    },
  });
  const calendars = await calendarsOf(prisma, [...new Set(queries.map((q) => q.customerId))]);

  const figures = queries.map((q): QueryFigures => {
    const calendar = calendars.get(q.customerId);
    const minutes = (from: Date, to: Date | null) =>
      to === null ? null : (calendar ? businessTimeBetween(from, to, calendar) : Math.max(0, to.getTime() - from.getTime())) / minuteMs;
    return {
      expertId: q.assignedExpertId,
      customerId: q.customerId,
      breached: q.slaBreached,
      firstReply: minutes(q.submittedAt, q.firstRepliedAt),
      nextReplies: nextReplyWaits(q.firstRepliedAt, q.messages.map((m) => m.receivedAt), q.replies.map((r) => r.createdAt), minutes),
      resolution: minutes(q.submittedAt, q.resolvedAt),
      rating: q.rating?.score ?? null,
    };
  });

  const byKey = <K>(key: (f: QueryFigures) => K) => {
    const groups = new Map<K, QueryFigures[]>();
    for (const f of figures) groups.set(key(f), [...(groups.get(key(f)) ?? []), f]);
    return groups;
  };
  const byExpert = [...byKey((f) => f.expertId)].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  const byCustomer = [...byKey((f) => f.customerId)].sort(([a], [b]) => a.localeCompare(b));
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    overall: statsOf(figures),
    byExpert: byExpert.map(([expertId, group]) => ({ expertId, ...statsOf(group) })),
    byCustomer: byCustomer.map(([customerId, group]) => ({
      customerId,
      clock: calendars.has(customerId) ? ('business_hours' as const) : ('wall_clock' as const),
      ...statsOf(group),
    })),
  };
}

/**
 * The waits for a next reply: one starts at a customer's message after the first reply (further
 * messages before a reply join the same wait) and ends at the next reply, if any came.
 */
function nextReplyWaits(firstRepliedAt: Date | null, messages: Date[], replies: Date[], minutes: (from: Date, to: Date | null) => number | null) {
  const answered: number[] = [];
  let waits = 0;
  let waitingSince: Date | null = null;
  const events = [...messages.map((at) => ({ at, customer: true })), ...replies.map((at) => ({ at, customer: false }))].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || Number(b.customer) - Number(a.customer),
  );
  for (const event of events) {
    if (firstRepliedAt === null || event.at < firstRepliedAt) continue;
    if (event.customer && waitingSince === null) {
      waitingSince = event.at;
      waits += 1;
    } else if (!event.customer && waitingSince !== null) {
      answered.push(minutes(waitingSince, event.at)!);
      waitingSince = null;
    }
  }
  return { waits, answered };
}

function durations(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50Minutes: percentile(sorted, 0.5, 1), p90Minutes: percentile(sorted, 0.9, 1) };
}

function statsOf(group: QueryFigures[]): SupportStats {
  const ratings = group.flatMap((f) => (f.rating === null ? [] : [f.rating]));
  return {
    queries: group.length,
    breachRate: group.length === 0 ? 0 : roundTo(group.filter((f) => f.breached).length / group.length, 4),
    firstReply: durations(group.flatMap((f) => (f.firstReply === null ? [] : [f.firstReply]))),
    nextReply: { ...durations(group.flatMap((f) => f.nextReplies.answered)), waits: group.reduce((n, f) => n + f.nextReplies.waits, 0) },
    resolution: durations(group.flatMap((f) => (f.resolution === null ? [] : [f.resolution]))),
    satisfaction: { ratings: ratings.length, average: ratings.length === 0 ? null : roundTo(ratings.reduce((a, b) => a + b, 0) / ratings.length, 2) },
  };
}

/** The business-hours calendars of these customers; customers without one are absent. */
async function calendarsOf(prisma: PrismaClient, customerIds: string[]): Promise<Map<string, Calendar>> {
  const terms = await prisma.supportTerms.findMany({ where: { customerId: { in: customerIds }, calendar: { not: { equals: null } } } });
  const calendars = new Map<string, Calendar>();
  for (const t of terms) {
    const parsed = businessCalendarSchema.safeParse(t.calendar);
    if (parsed.success) calendars.set(t.customerId, parsed.data);
  }
  return calendars;
}
