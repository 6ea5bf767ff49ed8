import { randomUUID } from 'node:crypto';
import { queryBreached, queryClosed, type SlaClockKind } from '@guild/contracts';
import type { Prisma, PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { customerAddresses, queueMail, threadHeaders } from './mail-outbox.js';
import { queryThread } from './query-view.js';
import { expertAddressOf, type SupportSettings } from './settings.js';
import { SUPPORT_SOURCE } from './source.js';

export type SlaEventKind = SlaClockKind;

type Tx = Prisma.TransactionClient;
type QueryRow = Prisma.QueryGetPayload<{ include: typeof queryThread }>;

/**
 * A clock of the query's workflow fired. The first report of (query, kind, due time) takes
 * effect — marks, mails, events — and is kept as the query's SLA trail; a retried report is a
 * no-op, so the workflow can retry freely.
 */
export async function recordSlaEvent(prisma: PrismaClient, settings: SupportSettings, queryId: string, kind: SlaEventKind, dueAt: Date, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const query = await tx.query.findUniqueOrThrow({ where: { id: queryId }, include: queryThread });
    // ON CONFLICT DO NOTHING: the same clock reported again takes no second effect.
    const { count } = await tx.slaEvent.createMany({
      data: [{ id: randomUUID(), queryId, kind, dueAt, recordedAt: now }],
      skipDuplicates: true,
    });
    if (count === 0) return query;
    await effects[kind]({ tx, settings, query, dueAt, now });
    return tx.query.findUniqueOrThrow({ where: { id: queryId }, include: queryThread });
  });
}

interface EffectContext {
  tx: Tx;
  settings: SupportSettings;
  query: QueryRow;
  dueAt: Date;
  now: Date;
}

const key = (kind: string, { query, dueAt }: EffectContext) => `${kind}:${query.id}:${dueAt.toISOString()}`;
const ref = (c: EffectContext) => `query ${c.query.id} ("${c.query.subject}") of customer ${c.query.customerId}`;

async function mailCustomer(c: EffectContext, kind: string, text: string) {
  await queueMail(c.tx, {
    idempotencyKey: key(kind, c),
    queryId: c.query.id,
    to: await customerAddresses(c.tx, c.query),
    subject: `Re: ${c.query.subject}`,
    text: `${text}\n\n— Guild support. Reply to this email to add to your query.`,
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
    await queueMail(c.tx, {
      idempotencyKey: key('warning', c),
      queryId: c.query.id,
      to: [expertAddressOf(c.settings, c.query.assignedExpertId)],
      subject: `Reply due by ${c.dueAt.toUTCString()}: ${c.query.subject}`,
      text: `The reply deadline of ${ref(c)} is ${c.dueAt.toUTCString()}. Please reply before it passes.`,
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
    const backup = assignment?.backupExpertId ? [expertAddressOf(c.settings, assignment.backupExpertId)] : [];
    await queueMail(c.tx, {
      idempotencyKey: key('breach', c),
      queryId: c.query.id,
      to: [c.settings.opsEmail, ...backup],
      subject: `SLA breached: ${c.query.subject}`,
      text: `The ${clock.replace('_', ' ')} deadline of ${ref(c)} passed at ${c.dueAt.toUTCString()} without a reply. Assigned expert: ${c.query.assignedExpertId ?? 'none'}.`,
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
    await queueMail(c.tx, {
      idempotencyKey: key('eta-overdue', c),
      queryId: c.query.id,
      to: [c.settings.opsEmail],
      subject: `ETA overdue: ${c.query.subject}`,
      text: `The ETA promised for ${ref(c)} was ${c.dueAt.toUTCString()} and the query is not resolved. Assigned expert: ${c.query.assignedExpertId ?? 'none'}.`,
    });
  },
};
