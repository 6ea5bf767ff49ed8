import { leadStageChanged } from '@guild/contracts';
import type { Prisma, SalesLead, SalesLeadStage } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { SALES_SOURCE } from './source.js';

/** Moves the lead to a stage with what the step decided, and tells its process (outbox). */
export async function changeStage(tx: Prisma.TransactionClient, lead: SalesLead, stage: SalesLeadStage, data: Prisma.SalesLeadUpdateInput = {}) {
  const at = new Date();
  const closed = stage === 'won' || stage === 'lost';
  const updated = await tx.salesLead.update({ where: { id: lead.id }, data: { ...data, stage, stageChangedAt: at, ...(closed ? { closedAt: at } : {}) } });
  await recordEvent(tx, SALES_SOURCE, leadStageChanged, { leadId: lead.id, stage, lostReason: updated.lostReason, customerId: updated.customerId, at: at.toISOString() });
  return updated;
}
