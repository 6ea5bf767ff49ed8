import { offerSelected } from '@guild/contracts';
import type { Job, PrismaClient } from '@guild/db';
import { notFound, recordEvent } from '@guild/platform';
import { queueMarketplaceMail } from '../mail/mail-outbox.js';
import { expertSelectedMail } from '../mail/templates.js';
import { alreadySelected, jobNotOpen, offerNotOpen } from './marketplace-errors.js';
import { MARKETPLACE_SOURCE } from './source.js';
import { offerPrice } from './views.js';

/**
 * The customer's choice, made once: under the job's row lock the first selection stands and any
 * other is a 409; a withdrawn offer is a 409. The other open offers are declined. The hiring
 * process learns it from `marketplace.offer.selected` (as an update its validator checks again).
 */
export async function selectOffer(prisma: PrismaClient, jobId: string, offerId: string): Promise<Job> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM marketplace.job WHERE id = ${jobId}::uuid FOR UPDATE`;
    const job = await tx.job.findUniqueOrThrow({ where: { id: jobId } });
    if (job.selectedOfferId) throw alreadySelected(job.selectedOfferId);
    if (job.status !== 'open') throw jobNotOpen(job.status);
    const offer = await tx.offer.findUnique({ where: { id: offerId } });
    if (!offer || offer.jobId !== jobId) throw notFound('offer');
    if (offer.status !== 'open') throw offerNotOpen(offer.status);
    const now = new Date();
    await tx.offer.update({ where: { id: offerId }, data: { status: 'selected' } });
    await tx.offer.updateMany({ where: { jobId, status: 'open' }, data: { status: 'declined' } });
    const selected = await tx.job.update({ where: { id: jobId }, data: { status: 'selected', selectedOfferId: offerId, selectedAt: now } });
    await queueMarketplaceMail(tx, {
      idempotencyKey: `expert-selected:${jobId}`,
      template: expertSelectedMail,
      data: { jobId, title: job.title, ...offerPrice(offer) },
      to: [{ kind: 'expert', expertId: offer.expertId }],
    });
    await recordEvent(tx, MARKETPLACE_SOURCE, offerSelected, { offerId, jobId, expertId: offer.expertId, customerId: job.customerId, selectedAt: now.toISOString() });
    return selected;
  });
}
