import { randomUUID } from 'node:crypto';
import { queryBreached, queryClosed, type SlaClockKind } from '@guild/contracts';
import type { Prisma, PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import type { Recipient } from '@guild/platform';
import { breachMail, etaOverdueMail, queryReceivedMail, queryUpdateMail, replyDueMail, researchOwnerMail } from '../mail/templates.js';
import { lockedQueryStatus } from './lock-query.js';
import { customerRecipients, queueSupportMail, threadHeaders } from './mail-outbox.js';
import { queryThread } from './query-view.js';
import type { ResolutionSettings } from './rating-link.js';
import { markResolved } from './resolve-query.js';
import { SUPPORT_SOURCE } from './source.js';
import { queryNotFound } from './support-errors.js';

export type SlaEventKind = SlaClockKind;

type Tx = Prisma.TransactionClient;
type QueryRow = Prisma.QueryGetPayload<{ include: typeof queryThread }>;

/**
 * A clock of the query's workflow fired. The first report of (query, kind, due time) takes
 * effect — marks, mails, events — and is kept as the query's SLA trail; a retried report is a
 * no-op, so the workflow can retry freely.
 */
export async function recordSlaEvent(prisma: PrismaClient, settings: ResolutionSettings, queryId: string, kind: SlaEventKind, dueAt: Date, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    // Under the row lock: a customer's message committing meanwhile is seen, so no close overwrites it.
    if ((await lockedQueryStatus(tx, queryId)) === 'missing') throw queryNotFound();
    const query = await tx.query.findUniqueOrThrow({ where: { id: queryId }, include: queryThread });
    // A clock that fires after the query ended (a late timer, a retried report) changes nothing.
    if ((query.status === 'resolved' || query.status === 'closed') && !meaningfulAfterEnd.has(kind)) return;
    // ON CONFLICT DO NOTHING: the same clock reported again takes no second effect.
    const { count } = await tx.slaEvent.createMany({
      data: [{ id: randomUUID(), queryId, kind, dueAt, recordedAt: now }],
      skipDuplicates: true,
    });
    if (count === 0) return;
    await effects[kind]({ tx, query, dueAt, now, settings });
  });
}

/** Statuses in which the last word was ours: no reply clock runs (a follow-up moves the query out of them). */
const repliedToLast: ReadonlySet<string> = new Set(['answered', 'awaiting_customer', 'resolution_proposed']);

/** The only clocks that still act once a query is resolved or closed. */
const meaningfulAfterEnd: ReadonlySet<SlaEventKind> = new Set(['reopen_window_end']);

interface EffectContext {
  tx: Tx;
  query: QueryRow;
  dueAt: Date;
  now: Date;
  settings: ResolutionSettings;
}

const key = (kind: string, { query, dueAt }: EffectContext) => `${kind}:${query.id}:${dueAt.toISOString()}`;
const about = (c: EffectContext) => ({ queryId: c.query.id, querySubject: c.query.subject });

async function mailCustomer(c: EffectContext, kind: string, message: string) {
  await queueSupportMail(c.tx, {
    idempotencyKey: key(kind, c),
    template: queryUpdateMail,
    data: { ...about(c), message },
    to: customerRecipients(c.query),
    headers: threadHeaders(c.query, `${kind}-${c.query.id}-${c.dueAt.getTime()}`),
  });
}

/** A customer's message accepted before the close leaves the query open: no close wins that race. */
async function closeQuery(c: EffectContext, reason: 'no_customer_answer' | 'quiet', note: string) {
  if (c.query.status === 'open') return;
  await c.tx.query.update({ where: { id: c.query.id }, data: { status: 'closed', closedAt: c.now, closeNote: note, replyDueAt: null } });
  await recordEvent(c.tx, SUPPORT_SOURCE, queryClosed, { queryId: c.query.id, customerId: c.query.customerId, closedAt: c.now.toISOString(), reason });
  await mailCustomer(c, `closed-${reason}`, `We have closed this query: ${note} Reply to this email if you still need help.`);
}

const effects: Record<SlaEventKind, (c: EffectContext) => Promise<void>> = {
  async reply_clock_started(c) {
    // A report that comes after the expert's reply (the workflow had not seen it yet) shows no deadline: none runs.
    if (!repliedToLast.has(c.query.status)) await c.tx.query.update({ where: { id: c.query.id }, data: { replyDueAt: c.dueAt } });
    // The first clock of a new query: the customer's receipt names the promise.
    if (c.query.firstRepliedAt || c.query.messages.length > 0) return;
    await queueSupportMail(c.tx, {
      idempotencyKey: `receipt:${c.query.id}`,
      template: queryReceivedMail,
      data: { ...about(c), number: c.query.number, firstReplyBy: c.dueAt.toUTCString() },
      to: customerRecipients(c.query),
      headers: threadHeaders(c.query, `receipt-${c.query.id}`),
    });
  },
  async pre_breach_warning(c) {
    if (!c.query.assignedExpertId) return;
    await queueSupportMail(c.tx, {
      idempotencyKey: key('warning', c),
      template: replyDueMail,
      data: { ...about(c), customerId: c.query.customerId, dueAt: c.dueAt.toUTCString() },
      to: [{ kind: 'expert', expertId: c.query.assignedExpertId }],
    });
  },
  async reply_breach(c) {
    await c.tx.query.update({ where: { id: c.query.id }, data: { slaBreached: true, breachedAt: c.now } });
    const clock = c.query.firstRepliedAt ? 'next_reply' : 'first_reply';
    await recordEvent(c.tx, SUPPORT_SOURCE, queryBreached, {
      queryId: c.query.id,
      customerId: c.query.customerId,
      assignedExpertId: c.query.assignedExpertId,
      clock,
      dueAt: c.dueAt.toISOString(),
      breachedAt: c.now.toISOString(),
    });
    const assignment = await c.tx.expertAssignment.findUnique({ where: { customerId: c.query.customerId } });
    const backup: Recipient[] = assignment?.backupExpertId ? [{ kind: 'expert', expertId: assignment.backupExpertId }] : [];
    await queueSupportMail(c.tx, {
      idempotencyKey: key('breach', c),
      template: breachMail,
      data: { ...about(c), customerId: c.query.customerId, clock, dueAt: c.dueAt.toUTCString(), assignedExpertId: c.query.assignedExpertId },
      to: [{ kind: 'ops' }, ...backup],
    });
  },
  async community_timeout(c) {
    if (c.query.status !== 'community') return;
    await c.tx.query.update({ where: { id: c.query.id }, data: { status: 'research' } });
    if (c.query.assignedExpertId) {
      await queueSupportMail(c.tx, {
        idempotencyKey: key('research-owner', c),
        template: researchOwnerMail,
        data: about(c),
        to: [{ kind: 'expert', expertId: c.query.assignedExpertId }],
      });
    }
    await mailCustomer(c, 'research', 'Our quick check did not settle this, so it now goes to research. That may take a while; we will send you regular updates.');
  },
  async research_update(c) {
    await mailCustomer(c, 'research-update', `An update on your query: research is still under way.${c.query.etaAt ? ` We still expect it by ${c.query.etaAt.toUTCString()}.` : ''}`);
  },
  async needs_info_reminder(c) {
    await mailCustomer(c, 'needs-info-reminder', 'A reminder: we are waiting for the information we asked for before we can go on. Just reply to this email.');
  },
  async needs_info_close(c) {
    await closeQuery(c, 'no_customer_answer', 'we did not receive the information we asked for.');
  },
  async quiet_close(c) {
    await closeQuery(c, 'quiet', 'it was answered and we heard nothing more.');
  },
  async resolution_confirm(c) {
    if (c.query.status !== 'resolution_proposed') return;
    await markResolved(c.tx, c.query, 'quiet-period', c.settings, c.now);
  },
  async reopen_window_end(c) {
    await c.tx.query.update({ where: { id: c.query.id }, data: { reopenWindowEndedAt: c.now } });
  },
  async eta_overdue(c) {
    // Nothing is owed on a finished query, nor while the customer is the one to answer.
    if (['resolved', 'closed', 'resolution_proposed', 'awaiting_customer'].includes(c.query.status)) return;
    await queueSupportMail(c.tx, {
      idempotencyKey: key('eta-overdue', c),
      template: etaOverdueMail,
      data: { ...about(c), customerId: c.query.customerId, dueAt: c.dueAt.toUTCString(), assignedExpertId: c.query.assignedExpertId },
      to: [{ kind: 'ops' }],
    });
  },
};
