import { randomUUID } from 'node:crypto';
import { offerSubmitted, type OfferBody } from '@guild/contracts';
import { Prisma, type Offer, type PrismaClient } from '@guild/db';
import { notFound, recordEvent } from '@guild/platform';
import { queueMarketplaceMail } from '../mail/mail-outbox.js';
import { offerReceivedMail } from '../mail/templates.js';
import { findContactDetails } from './contact-filter.js';
import { selectedExpertOf } from './find-job.js';
import { contactDetailsInOffer, jobNotOpen, notListed, offerAlreadySent, rateBelowOwn } from './marketplace-errors.js';
import { MARKETPLACE_SOURCE } from './source.js';
import { offerPrice } from './views.js';

/** Refuses an offer text with contact details in any of its free-text fields. */
export function assertNoContactDetails(body: Pick<OfferBody, 'scope' | 'schedule' | 'notes'>): void {
  const findings = findContactDetails([body.scope, body.schedule, body.notes].join('\n'));
  if (findings.length) throw contactDetailsInOffer(findings);
}

/**
 * An expert's final quote for an open job: no contact details, an hourly rate not below their
 * own, one offer per expert and job. The customer is mailed; an invitation it answers records
 * the expert's response time.
 */
export async function submitOffer(prisma: PrismaClient, jobId: string, expertId: string, body: OfferBody): Promise<Offer> {
  assertNoContactDetails(body);
  return prisma.$transaction(async (tx) => {
    const [job] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM marketplace.job WHERE id = ${jobId}::uuid FOR UPDATE`;
    if (!job) throw notFound('job');
    const current = await tx.job.findUniqueOrThrow({ where: { id: jobId } });
    if (current.status !== 'open') {
      // Off the board, the job is visible only to its selected expert: to any other it is missing, as for reading it.
      if ((await selectedExpertOf(tx, current)) !== expertId) throw notFound('job');
      throw jobNotOpen(current.status);
    }
    const profile = await tx.expertProfile.findUnique({ where: { expertId } });
    if (!profile || profile.listingStatus !== 'listed') throw notListed();
    if (body.kind === 'hourly' && body.rateCents! < profile.hourlyRateCents) throw rateBelowOwn(body.rateCents!, profile.hourlyRateCents);
    let offer: Offer;
    try {
      offer = await tx.offer.create({
        data: {
          id: randomUUID(),
          jobId,
          expertId,
          kind: body.kind,
          rateCents: body.rateCents ?? null,
          priceCents: body.priceCents ?? null,
          isEstimate: body.isEstimate,
          scope: body.scope,
          schedule: body.schedule,
          notes: body.notes,
        },
      });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw offerAlreadySent();
      throw err;
    }
    await tx.jobInvitation.updateMany({ where: { jobId, expertId, respondedAt: null }, data: { respondedAt: offer.submittedAt } });
    const offerCount = await tx.offer.count({ where: { jobId, status: 'open' } });
    await queueMarketplaceMail(tx, {
      idempotencyKey: `offer-received:${offer.id}`,
      template: offerReceivedMail,
      data: { jobId, title: current.title, ...offerPrice(offer), offerCount },
      to: [{ kind: 'company', companyId: current.customerId }],
    });
    await recordEvent(tx, MARKETPLACE_SOURCE, offerSubmitted, { offerId: offer.id, jobId, expertId, submittedAt: offer.submittedAt.toISOString() });
    return offer;
  });
}
