import { randomUUID } from 'node:crypto';
import { querySubmitted, type BusinessCalendarBody, type SubmitQueryBody } from '@guild/contracts';
import { sqlPoolOf, type PrismaClient, type Query } from '@guild/db';
import { newEventEnvelope, queuedMailRowOf, type QueuedMailRow } from '@guild/platform';
import { queryNeedsOpsMail } from '../mail/templates.js';
import { SUPPORT_SOURCE } from './source.js';
import { unknownProject } from './support-errors.js';
import { threadMessageIdOf } from './thread.js';
import type { QueryWithThread } from './query-view.js';

/** How a query arrived; a mail keeps its sender to answer and its Message-ID to thread on. */
export type QueryOrigin = { channel: 'api' } | { channel: 'email'; contactEmail: string; threadMessageId: string };

interface Answerers {
  projectId: string | null;
  projectStatus: string | null;
  projectExpertId: string | null;
  assignedExpertId: string | null;
  /** The new query's number; none is drawn when the named project is not the customer's. */
  number: number | null;
  /** The customer's business calendar, if their terms set one: it goes to the workflow with the event. */
  calendar: BusinessCalendarBody | null;
}

// Both statements run on pg directly, named so each connection plans them once: through Prisma's
// interactive transaction the same work was six round trips and most of a creation's CPU.
const answerersSql = `
  SELECT p.project_id AS "projectId", p.status AS "projectStatus", p.expert_id AS "projectExpertId",
    (SELECT a.expert_id FROM support.expert_assignment a WHERE a.customer_id = $1) AS "assignedExpertId",
    (SELECT t.calendar FROM support.support_terms t WHERE t.customer_id = $1) AS calendar,
    CASE WHEN $2::uuid IS NULL OR p.project_id IS NOT NULL THEN nextval('support.query_number_seq')::int END AS number
  FROM (SELECT) AS one
  LEFT JOIN support.customer_project p ON p.project_id = $2::uuid AND p.customer_id = $1`;

// One statement, so the query, its event and its mails commit together or not at all. Timestamps
// are passed as ISO text: a timestamp column without a zone keeps the UTC time and ignores the "Z".
const insertQuerySql = `
  WITH query AS (
    INSERT INTO support.query (id, number, customer_id, assigned_expert_id, project_id, subject, body, channel, contact_email,
      thread_message_id, follows_query_id, status, submitted_at, queue_order_at, sla_breached, minutes_logged)
    VALUES ($1::uuid, $2, $3, $4, $5::uuid, $6, $7, $8::support."QueryChannel", $9, $10, $11::uuid, $12::support."QueryStatus",
      $13::timestamp, $14::timestamp, $15, $16)
  ), event AS (
    INSERT INTO platform.outbox_event (id, source, subject, version, payload, occurred_at)
    VALUES ($17::uuid, $18, $19, $20, $21::jsonb, $22::timestamp)
  )
  INSERT INTO platform.outbound_mail (id, source, idempotency_key, template, data, recipients, headers)
  SELECT m.id, m.source, m."idempotencyKey", m.template, m.data, m.recipients, m.headers
    FROM jsonb_to_recordset($23::jsonb) AS m(id uuid, source text, "idempotencyKey" text, template text, data jsonb, recipients jsonb, headers jsonb)
  ON CONFLICT DO NOTHING`;

/**
 * Opens a query for a customer and hands it to their assigned expert. The query row and its
 * `support.query.submitted` event commit together, so the SLA clock can never miss a query. A
 * query nobody is assigned to alerts ops at once. `followsQueryId` links a query opened by a
 * message that came after an earlier query's reopen window. `id` is given by an opener that must
 * open a query once per cause (a detractor's survey).
 */
export async function submitQuery(
  prisma: PrismaClient,
  customerId: string,
  body: SubmitQueryBody,
  origin: QueryOrigin = { channel: 'api' },
  followsQueryId: string | null = null,
  id: string = randomUUID(),
): Promise<QueryWithThread> {
  const pool = sqlPoolOf(prisma);
  const { rows } = await pool.query<Answerers>({ name: 'support-query-answerers', text: answerersSql, values: [customerId, body.projectId ?? null] });
  const answerers = rows[0]!;
  // A named project must be one of the customer's; while it is active its expert answers.
  if (answerers.number === null) throw unknownProject();
  const projectExpertId = answerers.projectStatus === 'active' ? answerers.projectExpertId : null;
  const submittedAt = new Date();
  const query: Query = {
    id,
    number: answerers.number,
    customerId,
    assignedExpertId: projectExpertId ?? answerers.assignedExpertId,
    projectId: answerers.projectId,
    subject: body.subject,
    body: body.body,
    channel: origin.channel,
    contactEmail: origin.channel === 'email' ? origin.contactEmail : null,
    threadMessageId: origin.channel === 'email' ? origin.threadMessageId : threadMessageIdOf(id),
    followsQueryId,
    status: 'open',
    submittedAt,
    queueOrderAt: submittedAt,
    firstRepliedAt: null,
    replyDueAt: null,
    etaAt: null,
    slaBreached: false,
    breachedAt: null,
    resolvedAt: null,
    closedAt: null,
    closeNote: null,
    resolutionProposedAt: null,
    reopenedAt: null,
    reopenWindowEndedAt: null,
    minutesLogged: 0,
  };
  const event = newEventEnvelope(SUPPORT_SOURCE, querySubmitted, {
    queryId: query.id,
    customerId,
    assignedExpertId: query.assignedExpertId,
    submittedAt: submittedAt.toISOString(),
    terms: { calendar: answerers.calendar },
  });
  const mails: QueuedMailRow[] = query.assignedExpertId
    ? []
    : [
        queuedMailRowOf({
          source: SUPPORT_SOURCE,
          idempotencyKey: `unassigned:${query.id}`,
          template: queryNeedsOpsMail,
          data: { queryId: query.id, querySubject: query.subject, number: query.number, customerId, problem: 'unassigned' },
          to: [{ kind: 'ops' }],
        }),
      ];
  await pool.query({
    name: 'support-insert-query',
    text: insertQuerySql,
    values: [
      query.id,
      query.number,
      query.customerId,
      query.assignedExpertId,
      query.projectId,
      query.subject,
      query.body,
      query.channel,
      query.contactEmail,
      query.threadMessageId,
      query.followsQueryId,
      query.status,
      query.submittedAt.toISOString(),
      query.queueOrderAt.toISOString(),
      query.slaBreached,
      query.minutesLogged,
      event.id,
      event.source,
      event.subject,
      event.version,
      JSON.stringify(event.payload),
      event.occurredAt,
      JSON.stringify(mails),
    ],
  });
  // A new query has no thread yet: no need to ask the database for one.
  return { ...query, replies: [], messages: [], attachments: [] };
}
