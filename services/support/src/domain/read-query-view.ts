import type { QueryView } from '@guild/contracts';
import { sqlPoolOf, type PrismaClient } from '@guild/db';
import { assertCanSee, type Principal } from '@guild/platform';
import { queryNotFound } from './support-errors.js';

// The columns hold UTC without a zone; this is the text `Date.toISOString()` gives for them.
const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface QueryViewRow {
  customerId: string;
  assignedExpertId: string | null;
  slaBreached: boolean;
  backupExpertId: string | null;
  view: QueryView;
}

/**
 * The query with its thread as `toQueryView` shows it, built by PostgreSQL in one round trip and
 * run on pg directly. Prisma's `findUnique` with `include` took four queries through its query
 * compiler, and that work, not the database, bounded how many reads a second support answered
 * (even a raw query through Prisma costs ~3× pg's CPU). The thread is oldest first.
 */
const queryViewSql = `
    SELECT q.customer_id AS "customerId", q.assigned_expert_id AS "assignedExpertId", q.sla_breached AS "slaBreached",
      (SELECT a.backup_expert_id FROM support.expert_assignment a WHERE a.customer_id = q.customer_id) AS "backupExpertId",
      json_build_object(
        'id', q.id, 'number', q.number, 'customerId', q.customer_id, 'assignedExpertId', q.assigned_expert_id,
        'subject', q.subject, 'body', q.body, 'status', q.status, 'channel', q.channel,
        'submittedAt', ${iso('q.submitted_at')}, 'firstRepliedAt', ${iso('q.first_replied_at')},
        'replyDueAt', ${iso('q.reply_due_at')}, 'etaAt', ${iso('q.eta_at')},
        'slaBreached', q.sla_breached, 'breachedAt', ${iso('q.breached_at')},
        'resolvedAt', ${iso('q.resolved_at')}, 'closedAt', ${iso('q.closed_at')}, 'closeNote', q.close_note,
        'projectId', q.project_id, 'minutesLogged', q.minutes_logged,
        'resolutionProposedAt', ${iso('q.resolution_proposed_at')}, 'reopenedAt', ${iso('q.reopened_at')},
        'followsQueryId', q.follows_query_id,
        'replies', COALESCE((
          SELECT json_agg(json_build_object(
            'id', r.id, 'expertId', r.expert_id, 'kind', r.kind, 'answer', r.answer, 'needInfo', r.need_info,
            'taskRequestId', r.task_request_id, 'taskId', r.task_id, 'etaMinutes', r.eta_minutes,
            'etaAt', ${iso('r.eta_at')}, 'createdAt', ${iso('r.created_at')}
          ) ORDER BY r.created_at, r.id)
          FROM support.query_reply r WHERE r.query_id = q.id), '[]'::json),
        'messages', COALESCE((
          SELECT json_agg(json_build_object(
            'id', m.id, 'body', m.body, 'channel', m.channel, 'receivedAt', ${iso('m.received_at')}
          ) ORDER BY m.received_at, m.id)
          FROM support.customer_message m WHERE m.query_id = q.id), '[]'::json),
        'attachments', COALESCE((
          SELECT json_agg(json_build_object(
            'id', f.id, 'filename', f.filename, 'contentType', f.content_type, 'sizeBytes', f.size_bytes,
            'sha256', f.sha256, 'createdAt', ${iso('f.created_at')}
          ) ORDER BY f.created_at, f.id)
          FROM support.attachment f WHERE f.query_id = q.id), '[]'::json)
      ) AS view
    FROM support.query q
    WHERE q.id = $1::uuid`;

async function loadQueryView(prisma: PrismaClient, id: string): Promise<QueryViewRow | undefined> {
  // Named: each connection parses and plans it once.
  const { rows } = await sqlPoolOf(prisma).query<QueryViewRow>({ name: 'support-query-view', text: queryViewSql, values: [id] });
  return rows[0];
}

/**
 * A query the caller may see, as the API shows it; the same rule as `findVisibleQuery`: its
 * customer, its assigned expert, ops and services, and once it breached the customer's backup
 * expert. Anyone else gets the same 404 as for a query that does not exist.
 */
export async function readVisibleQueryView(prisma: PrismaClient, principal: Principal, id: string): Promise<QueryView> {
  const row = await loadQueryView(prisma, id);
  if (!row) throw queryNotFound();
  const takingOver = principal.role === 'expert' && row.slaBreached && principal.expertId !== row.assignedExpertId;
  const backup = takingOver ? row.backupExpertId : null;
  assertCanSee(principal, { customerId: row.customerId, expertIds: [row.assignedExpertId, backup] }, 'query');
  return row.view;
}
