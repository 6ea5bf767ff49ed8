import type { FirstReplyReport, FirstReplyStats } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';

interface StatsRow extends FirstReplyStats {
  byExpert: boolean;
  byCustomer: boolean;
  expertId: string | null;
  customerId: string | null;
}

const stats = ({ queries, answered, p50Minutes, p90Minutes, breachRate }: StatsRow): FirstReplyStats => ({
  queries,
  answered,
  p50Minutes,
  p90Minutes,
  breachRate,
});

/**
 * How fast first replies came for the queries submitted in [from, to): the median and 90th
 * percentile of minutes to the first reply over the answered ones, and the share that breached,
 * overall, per assigned expert and per customer — one pass over the range with grouping sets.
 */
export async function firstReplyReport(prisma: PrismaClient, range: { from: Date; to: Date }): Promise<FirstReplyReport> {
  // Timestamps are stored as UTC without a zone: compare in UTC whatever the session's time zone.
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const rows = await prisma.$queryRaw<StatsRow[]>`
    WITH submitted AS (
      SELECT assigned_expert_id, customer_id, sla_breached,
             (EXTRACT(EPOCH FROM first_replied_at - submitted_at) / 60)::float8 AS minutes
      FROM support.query
      WHERE submitted_at >= (${from}::timestamptz AT TIME ZONE 'UTC')
        AND submitted_at < (${to}::timestamptz AT TIME ZONE 'UTC')
    )
    SELECT GROUPING(assigned_expert_id) = 0 AS "byExpert",
           GROUPING(customer_id) = 0 AS "byCustomer",
           assigned_expert_id AS "expertId",
           customer_id AS "customerId",
           count(*)::int AS queries,
           count(minutes)::int AS answered,
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes)::numeric, 1)::float8 AS "p50Minutes",
           round(percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes)::numeric, 1)::float8 AS "p90Minutes",
           coalesce(round(count(*) FILTER (WHERE sla_breached)::numeric / nullif(count(*), 0), 4), 0)::float8 AS "breachRate"
    FROM submitted
    GROUP BY GROUPING SETS ((), (assigned_expert_id), (customer_id))
    ORDER BY assigned_expert_id NULLS LAST, customer_id`;

  // The grand-total grouping set yields its row even when no query is in the range.
  const overall = rows.find((row) => !row.byExpert && !row.byCustomer)!;
  return {
    from,
    to,
    overall: stats(overall),
    byExpert: rows.filter((row) => row.byExpert).map((row) => ({ expertId: row.expertId, ...stats(row) })),
    byCustomer: rows.filter((row) => row.byCustomer).map((row) => ({ customerId: row.customerId!, ...stats(row) })),
  };
}
