import type { PrismaClient } from '@guild/db';
import { notFound, queueMail } from '@guild/platform';
import { leadReminderMail } from '../mail/templates.js';
import { SALES_SOURCE } from './source.js';

/** The lead's process reminds the owner (no meeting booked, no outcome after the draft, no choice of who serves the won customer); once per kind. */
export async function remindOwner(prisma: PrismaClient, id: string, kind: 'no_meeting' | 'no_outcome' | 'no_handling') {
  const lead = await prisma.salesLead.findUnique({ where: { id } });
  if (!lead) throw notFound('lead');
  await prisma.$transaction((tx) =>
    queueMail(tx, { source: SALES_SOURCE, idempotencyKey: `lead-reminder:${id}:${kind}`, template: leadReminderMail, data: { leadId: id, companyName: lead.companyName, kind }, to: [{ kind: 'expert', expertId: lead.ownerId }] }),
  );
}
