import { randomUUID } from 'node:crypto';
import { queryBreached, queryClosed, type SlaClockKind } from '@guild/contracts';
import type { Prisma, PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import type { Recipient } from '@guild/platform';
import { breachMail, etaOverdueMail, queryUpdateMail, replyDueMail } from '../mail/templates.js';
import { customerRecipients, queueSupportMail, threadHeaders } from './mail-outbox.js';
import { queryThread } from './query-view.js';
import { SUPPORT_SOURCE } from './source.js';

export type SlaEventKind = SlaClockKind;

type Tx = Prisma.TransactionClient;
type QueryRow = Prisma.QueryGetPayload<{ include: typeof queryThread }>;

/**
 * A clock of the query's workflow fired. The first report of (query, kind, due time) takes
 * effect — marks, mails, events — and is kept as the query's SLA trail; a retried report is a
 * no-op, so the workflow can retry freely.
 */
export async function recordSlaEvent(prisma: PrismaClient, queryId: string, kind: SlaEventKind, dueAt: Date, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const query = await tx.query.findUniqueOrThrow({ where: { id: queryId }, include: queryThread });
    // ON CONFLICT DO NOTHING: the same clock reported again takes no second effect.
    const { count } = await tx.slaEvent.createMany({
      data: [{ id: randomUUID(), queryId, kind, dueAt, recordedAt: now }],
      skipDuplicates: true,
    });
    if (count === 0) return query;
    await effects[kind]({ tx, query, dueAt, now });
    return tx.query.findUniqueOrThrow({ where: { id: queryId }, include: queryThread });
  });
}

interface EffectContext {
  tx: Tx;
  query: QueryRow;
  dueAt: Date;
  now: Date;
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

async function closeQuery(c: EffectContext, reason: 'no_customer_answer' | 'quiet', note: string) {
  await c.tx.query.update({ where: { id: c.query.id }, data: { status: 'closed', closedAt: c.now, closeNote: note, replyDueAt: null } });
  await recordEvent(c.tx, SUPPORT_SOURCE, queryClosed, { queryId: c.query.id, customerId: c.query.customerId, closedAt: c.now.toISOString(), reason });
  await mailCustomer(c, `closed-${reason}`, `We have closed this query: ${note} Reply to this email if you still need help.`);
}

const effects: Record<SlaEventKind, (c: EffectContext) => Promise<void>> = {
  async reply_clock_started(c) {
    await c.tx.query.update({ where: { id: c.query.id }, data: { replyDueAt: c.dueAt } });
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
    await c.tx.query.update({ where: { id: c.query.id }, data: { status: 'research' } });
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
  async eta_overdue(c) {
    await queueSupportMail(c.tx, {
      idempotencyKey: key('eta-overdue', c),
      template: etaOverdueMail,
      data: { ...about(c), customerId: c.query.customerId, dueAt: c.dueAt.toUTCString(), assignedExpertId: c.query.assignedExpertId },
      to: [{ kind: 'ops' }],
    });
  },
};
