import type { PrismaClient } from '@guild/db';
import { queueMail, type Principal } from '@guild/platform';
import { projectDraftMail } from '../mail/templates.js';
import { acceptUrlOf, hashOfAcceptToken, newAcceptToken } from './accept-link.js';
import { changeStage } from './change-stage.js';
import { findLeadFor } from './find-lead.js';
import { SALES_SOURCE } from './source.js';
import { assertStepAllowed } from './stages.js';

/**
 * The written project draft (planned tasks with estimates) mailed to the lead's contact with a
 * one-time accept link; sending a revised draft replaces the link.
 */
export async function sendDraft(prisma: PrismaClient, publicUrl: string, principal: Principal, id: string, body: { tasks: { title: string; estimateHours: number }[] }) {
  const token = newAcceptToken();
  return prisma.$transaction(async (tx) => {
    const lead = await findLeadFor(tx, principal, id);
    assertStepAllowed('send the draft', lead.stage);
    const sent = await changeStage(tx, lead, 'draft_sent', { draftTasks: body.tasks, acceptTokenHash: hashOfAcceptToken(token) });
    await queueMail(tx, {
      source: SALES_SOURCE,
      idempotencyKey: `lead-draft:${lead.id}:${sent.stageChangedAt.toISOString()}`,
      template: projectDraftMail,
      data: { contactName: lead.contactName, companyName: lead.companyName, rateCents: lead.offerRateCents ?? 0, hours: lead.offerHours ?? 0, tasks: body.tasks, acceptUrl: acceptUrlOf(publicUrl, token) },
      to: [{ kind: 'address', address: lead.contactEmail }],
    });
    return sent;
  });
}
