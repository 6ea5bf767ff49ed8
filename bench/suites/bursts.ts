import { randomUUID } from 'node:crypto';
import { countRecorded, withDatabase } from '../database.js';
import { benchExpert, benchOps, call, newCustomer, tokenFor } from '../people.js';
import type { Report } from '../report.js';
import { settings } from '../settings.js';
import type { BenchStack } from '../stack.js';

interface BurstOutcome {
  sent: number;
  accepted: string[];
  shed: number;
  shedWithoutRetryAfter: number;
  failed500: number;
  other: Record<string, number>;
}

/** Every request at once; a shed (503) is counted, and must carry retry-after. */
async function burst(requests: (() => Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>)[]): Promise<BurstOutcome> {
  const outcome: BurstOutcome = { sent: requests.length, accepted: [], shed: 0, shedWithoutRetryAfter: 0, failed500: 0, other: {} };
  const answers = await Promise.all(requests.map((send) => send().catch((error: unknown) => ({ status: 0, headers: new Headers(), body: { error: String(error) } as Record<string, unknown> }))));
  for (const answer of answers) {
    if (answer.status >= 200 && answer.status < 300) outcome.accepted.push(answer.body.id as string);
    else if (answer.status === 503) {
      outcome.shed += 1;
      if (!answer.headers.get('retry-after')) outcome.shedWithoutRetryAfter += 1;
    } else if (answer.status === 500) outcome.failed500 += 1;
    else outcome.other[String(answer.status)] = (outcome.other[String(answer.status)] ?? 0) + 1;
  }
  return outcome;
}

/**
 * The two busy writes of support at once: 300 and 1,000 submissions, and as many expert replies
 * (the issue's 500s). Goal: no 500, every accepted write in the database; a 503 with
 * retry-after is an allowed answer (the pool is configuration: DATABASE_URL's connection_limit
 * and pool_timeout).
 */
export async function bursts(stack: BenchStack, report: Report): Promise<void> {
  const support = stack.url('support');
  const secret = stack.env.JWT_SECRET!;
  const ops = await tokenFor(secret, benchOps);
  const expertToken = await tokenFor(secret, benchExpert('bench-alice'));
  for (const size of settings.bursts) {
    const customer = newCustomer();
    const customerToken = await tokenFor(secret, customer);
    await call(`${support}/customers/${customer.customerId}/expert-assignment`, ops, 'PUT', { expertId: 'bench-alice', backupExpertId: 'bench-bob' });
    const submit = () => call(`${support}/queries`, customerToken, 'POST', { subject: 'Burst', body: 'One of many at once.' }, { 'idempotency-key': randomUUID() });
    const submitted = await burst(Array.from({ length: size }, () => submit));
    row(report, `${size} POST /queries at once`, submitted, await countRecorded(stack.databaseUrl, 'support.query', submitted.accepted));

    const replies = await burst(
      submitted.accepted.map((id) => () => call(`${support}/queries/${id}/replies`, expertToken, 'POST', { kind: 'answer', answer: 'Fixed.', etaMinutes: 30 }, { 'idempotency-key': randomUUID() })),
    );
    // A reply answers with the query; its newest reply is the one recorded.
    const replyIds = replies.accepted.length ? await latestReplyIds(stack, submitted.accepted) : [];
    row(report, `${submitted.accepted.length} POST /queries/:id/replies at once`, replies, Math.min(replyIds.length, replies.accepted.length));
  }
}

async function latestReplyIds(stack: BenchStack, queryIds: string[]): Promise<string[]> {
  return withDatabase(stack.databaseUrl, async (db) => (await db.query('SELECT id FROM support.query_reply WHERE query_id = ANY($1::uuid[])', [queryIds])).rows.map((r: { id: string }) => r.id));
}

function row(report: Report, what: string, o: BurstOutcome, recorded: number) {
  const other = Object.entries(o.other).map(([code, n]) => `${n}×${code}`).join(', ');
  report.add({
    suite: 'bursts',
    what,
    figure: `${o.accepted.length} accepted, ${recorded} recorded · ${o.shed} shed 503${o.shedWithoutRetryAfter ? ` (${o.shedWithoutRetryAfter} without retry-after)` : ''} · ${o.failed500} × 500${other ? ` · ${other}` : ''}`,
    goal: '0 × 500, every accepted write recorded',
    met: o.failed500 === 0 && recorded === o.accepted.length && o.shedWithoutRetryAfter === 0 && !other,
    data: { ...o, accepted: o.accepted.length, recorded },
  });
}
