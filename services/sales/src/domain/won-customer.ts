import { leadHandlingChosen } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent, type Principal } from '@guild/platform';
import { findLeadFor } from './find-lead.js';
import { handlingChosen, wrongStage } from './sales-errors.js';
import { SALES_SOURCE } from './source.js';

/**
 * The customer's company identity opened for a won lead: recorded on the lead and, for a sourced or
 * referred lead, attributed to the referrer for life — once per customer, the first attribution stands.
 */
export async function recordCustomer(prisma: PrismaClient, principal: Principal, id: string, customerId: string) {
  return prisma.$transaction(async (tx) => {
    const lead = await findLeadFor(tx, principal, id);
    if (lead.stage !== 'won') throw wrongStage('open a customer', lead.stage);
    if (lead.customerId) return lead;
    if (lead.referrerId) {
      await tx.salesAttribution.createMany({ data: [{ customerId, referrerId: lead.referrerId, leadId: lead.id }], skipDuplicates: true });
    }
    return tx.salesLead.update({ where: { id: lead.id }, data: { customerId } });
  });
}

/** The owner of a won lead serves the customer or passes it to the pool; the first choice stands. */
export async function chooseHandling(prisma: PrismaClient, principal: Principal, id: string, handling: 'serve' | 'pass_to_pool') {
  return prisma.$transaction(async (tx) => {
    const lead = await findLeadFor(tx, principal, id);
    if (lead.stage !== 'won') throw wrongStage('choose who serves the customer', lead.stage);
    if (lead.handling) throw handlingChosen();
    const chosen = await tx.salesLead.update({ where: { id: lead.id }, data: { handling } });
    await recordEvent(tx, SALES_SOURCE, leadHandlingChosen, { leadId: lead.id, handling, at: new Date().toISOString() });
    return chosen;
  });
}
