import type { Prisma, PrismaClient, SalesLead } from '@guild/db';
import { queueMail, type Principal } from '@guild/platform';
import { leadOutcomeMail } from '../mail/templates.js';
import { hashOfAcceptToken } from './accept-link.js';
import { changeStage } from './change-stage.js';
import { findLeadFor } from './find-lead.js';
import { acceptLinkInvalid } from './sales-errors.js';
import { SALES_SOURCE } from './source.js';
import { assertStepAllowed } from './stages.js';

type Outcome = { outcome: 'won' } | { outcome: 'lost'; reason: string };

/** Closes the lead as won or lost, and tells ops and the owner. */
async function close(tx: Prisma.TransactionClient, lead: SalesLead, outcome: Outcome, extra: Prisma.SalesLeadUpdateInput = {}) {
  assertStepAllowed(outcome.outcome === 'won' ? 'be won' : 'be lost', lead.stage);
  const reason = outcome.outcome === 'lost' ? outcome.reason : null;
  const closed = await changeStage(tx, lead, outcome.outcome, { ...extra, lostReason: reason, acceptTokenHash: null });
  await queueMail(tx, {
    source: SALES_SOURCE,
    idempotencyKey: `lead-outcome:${lead.id}`,
    template: leadOutcomeMail,
    data: { leadId: lead.id, companyName: lead.companyName, outcome: outcome.outcome, reason },
    to: [{ kind: 'ops' }, { kind: 'expert', expertId: lead.ownerId }],
  });
  return closed;
}

/** The owner (or ops, or the process after 30 days of silence) reports the outcome; another expert's lead is 404. */
export async function reportOutcome(prisma: PrismaClient, principal: Principal, id: string, outcome: Outcome) {
  return prisma.$transaction(async (tx) => close(tx, await findLeadFor(tx, principal, id), outcome));
}

/** The contact accepts the draft from the mailed link: the lead is won, once; the link works no more. */
export async function acceptDraft(prisma: PrismaClient, token: string) {
  return prisma.$transaction(async (tx) => {
    const lead = await tx.salesLead.findUnique({ where: { acceptTokenHash: hashOfAcceptToken(token) } });
    if (!lead || lead.stage !== 'draft_sent') throw acceptLinkInvalid();
    const [locked] = await tx.$queryRaw<{ stage: string }[]>`SELECT stage FROM sales.lead WHERE id = ${lead.id}::uuid FOR UPDATE`;
    if (locked?.stage !== 'draft_sent') throw acceptLinkInvalid();
    return close(tx, lead, { outcome: 'won' }, { acceptedAt: new Date() });
  });
}
