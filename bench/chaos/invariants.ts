import type { Client } from '@temporalio/client';
import { withDatabase } from '../database.js';
import { until } from './processes.js';

export interface Invariant {
  what: string;
  figure: string;
  held: boolean;
}

const workflowIdOf = (queryId: string) => `query-${queryId}`;

/**
 * What must hold once the faults are over and the system had time to catch up: each query one
 * workflow, each clock once (rows and mails), each event published and handled once per consumer.
 */
export async function checkInvariants(opts: {
  databaseUrl: string;
  temporal: Client;
  mailApiUrl: string;
  ids: string[];
  subjects: string[];
  answered: Set<string>;
  settleMs: number;
}): Promise<Invariant[]> {
  const { databaseUrl, ids, answered } = opts;
  const unanswered = ids.filter((id) => !answered.has(id));
  const results: Invariant[] = [];

  // Catch-up first: every unanswered query's clock started and breached, the outbox drained, the
  // bridge done. An answered query may never show a clock: when its reply reaches the workflow
  // before the clock is announced, no deadline runs.
  const caughtUp = await until(
    "every unanswered query's clock started and breached, the outbox drained and every event handled by the bridge",
    () =>
      withDatabase(databaseUrl, async (db) => {
        const started = Number((await db.query(`SELECT count(DISTINCT query_id) AS n FROM support.sla_event WHERE kind = 'reply_clock_started' AND query_id = ANY($1::uuid[])`, [unanswered])).rows[0].n);
        const breached = Number((await db.query(`SELECT count(DISTINCT query_id) AS n FROM support.sla_event WHERE kind = 'reply_breach' AND query_id = ANY($1::uuid[])`, [unanswered])).rows[0].n);
        const unpublished = Number((await db.query(`SELECT count(*) AS n FROM platform.outbox_event WHERE published_at IS NULL`)).rows[0].n);
        const unhandled = Number(
          (
            await db.query(
              `SELECT count(*) AS n FROM platform.outbox_event o WHERE o.subject IN ('support.query.submitted', 'support.query.replied')
               AND NOT EXISTS (SELECT 1 FROM platform.processed_event p WHERE p.event_id = o.id AND p.consumer = 'temporal-bridge')`,
            )
          ).rows[0].n,
        );
        return started === unanswered.length && breached === unanswered.length && unpublished === 0 && unhandled === 0 ? true : undefined;
      }),
    opts.settleMs,
  ).catch((error: Error) => error);

  // Workflows: one execution with the id query-<id> per query (visibility catches up by polling).
  const runs = new Map<string, number>();
  await until(
    'every query visible with its workflow',
    async () => {
      runs.clear();
      for await (const execution of opts.temporal.workflow.list({ query: `WorkflowType = 'supportQuery'` })) {
        runs.set(execution.workflowId, (runs.get(execution.workflowId) ?? 0) + 1);
      }
      return ids.every((id) => runs.has(workflowIdOf(id))) ? true : undefined;
    },
    60_000,
  ).catch(() => undefined);
  const missing = ids.filter((id) => !runs.has(workflowIdOf(id))).length;
  const doubled = ids.filter((id) => (runs.get(workflowIdOf(id)) ?? 0) > 1).length;
  results.push({ what: 'every query has exactly one workflow (query-<id>)', figure: `${ids.length - missing - doubled} of ${ids.length} · ${missing} without · ${doubled} with more than one`, held: missing === 0 && doubled === 0 });

  await withDatabase(databaseUrl, async (db) => {
    const clocks = (
      await db.query(
        `SELECT query_id, kind, count(*)::int AS n FROM support.sla_event WHERE query_id = ANY($1::uuid[]) AND kind IN ('reply_clock_started', 'reply_breach') GROUP BY query_id, kind`,
        [ids],
      )
    ).rows as { query_id: string; kind: string; n: number }[];
    const count = (kind: string, set: string[]) => clocks.filter((c) => c.kind === kind && set.includes(c.query_id));
    const started = count('reply_clock_started', unanswered);
    const startedAnswered = count('reply_clock_started', [...answered]);
    const breaches = count('reply_breach', ids);
    const twice = clocks.filter((c) => c.n > 1).length;
    const answeredBreaches = breaches.filter((b) => answered.has(b.query_id)).length;
    results.push({
      what: 'every clock fired once (support.sla_event)',
      figure: `${started.length}/${unanswered.length} unanswered clocks started · ${breaches.length - answeredBreaches}/${unanswered.length} unanswered breached · ${answeredBreaches} answered breached · ${twice} rows twice (${startedAnswered.length}/${answered.size} answered showed a clock before their reply reached the workflow)`,
      held: started.length === unanswered.length && breaches.length - answeredBreaches === unanswered.length && answeredBreaches === 0 && twice === 0,
    });

    const outbox = (await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished FROM platform.outbox_event`)).rows[0] as { n: number; unpublished: number };
    results.push({ what: 'no event lost: every outbox row published', figure: `${outbox.n - outbox.unpublished} of ${outbox.n} published`, held: outbox.unpublished === 0 });

    // processed_event's key is (consumer, event): a second handling would have failed its insert
    // and been retried; what can go wrong is an event of ours no consumer ever finished.
    const bridge = (
      await db.query(
        `SELECT count(*)::int AS events, count(p.event_id)::int AS handled FROM platform.outbox_event o
         LEFT JOIN platform.processed_event p ON p.event_id = o.id AND p.consumer = 'temporal-bridge'
         WHERE o.subject IN ('support.query.submitted', 'support.query.replied')`,
      )
    ).rows[0] as { events: number; handled: number };
    const perConsumer = (await db.query(`SELECT count(*)::int AS n, count(DISTINCT (consumer, event_id))::int AS distinct_n FROM platform.processed_event`)).rows[0] as { n: number; distinct_n: number };
    results.push({
      what: 'no event handled twice or never (platform.processed_event, the bridge)',
      figure: `${bridge.handled} of ${bridge.events} submitted/replied events handled by the bridge · ${perConsumer.n - perConsumer.distinct_n} handled twice`,
      held: bridge.handled === bridge.events && perConsumer.n === perConsumer.distinct_n,
    });
  });

  // Breach mails as they reached the sink: one per query and recipient list. The mail relay sends
  // them after the breach is recorded, so the sink is read until every breached query's is there.
  const unansweredSubjects = ids.map((id, i) => (answered.has(id) ? undefined : opts.subjects[i])).filter((s): s is string => s !== undefined);
  const breachMails = new Map<string, number>();
  let mailed = 0;
  await until(
    "every breached query's mail in the sink",
    async () => {
      const mails = (await (await fetch(`${opts.mailApiUrl}/api/email`)).json()) as { subject: string; to: { address: string }[] }[];
      breachMails.clear();
      for (const mail of mails) {
        if (!mail.subject.startsWith('SLA breached: ')) continue;
        const key = `${mail.subject} → ${mail.to.map((t) => t.address).sort().join(',')}`;
        breachMails.set(key, (breachMails.get(key) ?? 0) + 1);
      }
      const subjectsBreached = new Set([...breachMails.keys()].map((k) => k.split(' → ')[0]!.slice('SLA breached: '.length)));
      mailed = unansweredSubjects.filter((s) => subjectsBreached.has(s)).length;
      return mailed === unansweredSubjects.length ? true : undefined;
    },
    60_000,
  ).catch(() => undefined);
  const duplicates = [...breachMails.values()].filter((n) => n > 1).length;
  results.push({
    what: 'no duplicate breach mails (mail sink)',
    figure: `${mailed}/${unansweredSubjects.length} breached queries mailed · ${duplicates} mails sent twice`,
    held: duplicates === 0 && mailed === unansweredSubjects.length,
  });

  if (caughtUp instanceof Error) results.unshift({ what: 'caught up after the faults', figure: caughtUp.message, held: false });
  return results;
}
