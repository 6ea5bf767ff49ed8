import { offerWithdrawn, type OfferBody } from '@guild/contracts';
import type { Offer, PrismaClient } from '@guild/db';
import { notFound, recordEvent } from '@guild/platform';
import { offerFinal, offerNotOpen, rateBelowOwn } from './marketplace-errors.js';
import { MARKETPLACE_SOURCE } from './source.js';
import { assertNoContactDetails } from './submit-offer.js';

async function ownOpenOffer(tx: Pick<PrismaClient, 'offer'>, offerId: string, jobId: string, expertId: string | undefined): Promise<Offer> {
  const offer = await tx.offer.findUnique({ where: { id: offerId } });
  if (!offer || offer.jobId !== jobId || (expertId !== undefined && offer.expertId !== expertId)) throw notFound('offer');
  if (offer.status !== 'open') throw offerNotOpen(offer.status);
  return offer;
}

/** An offer can be edited only while the customer has not seen it: after that it is a final quote. */
export async function editOffer(prisma: PrismaClient, jobId: string, offerId: string, expertId: string, body: OfferBody): Promise<Offer> {
  assertNoContactDetails(body);
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM marketplace.offer WHERE id = ${offerId}::uuid FOR UPDATE`;
    const offer = await ownOpenOffer(tx, offerId, jobId, expertId);
    if (offer.seenByCustomerAt) throw offerFinal();
    const profile = await tx.expertProfile.findUniqueOrThrow({ where: { expertId } });
    if (body.kind === 'hourly' && body.rateCents! < profile.hourlyRateCents) throw rateBelowOwn(body.rateCents!, profile.hourlyRateCents);
    return tx.offer.update({
      where: { id: offerId },
      data: { kind: body.kind, rateCents: body.rateCents ?? null, priceCents: body.priceCents ?? null, isEstimate: body.isEstimate, scope: body.scope, schedule: body.schedule, notes: body.notes },
    });
  });
}

/** The expert withdraws an open offer; it can no longer be selected. */
export async function withdrawOffer(prisma: PrismaClient, jobId: string, offerId: string, expertId: string | undefined): Promise<Offer> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM marketplace.job WHERE id = ${jobId}::uuid FOR UPDATE`;
    const offer = await ownOpenOffer(tx, offerId, jobId, expertId);
    const withdrawn = await tx.offer.update({ where: { id: offerId }, data: { status: 'withdrawn', withdrawnAt: new Date() } });
    await recordEvent(tx, MARKETPLACE_SOURCE, offerWithdrawn, { offerId, jobId, expertId: offer.expertId, withdrawnAt: withdrawn.withdrawnAt!.toISOString() });
    return withdrawn;
  });
}

/** The customer's view of the job's offers marks them seen: from then on they are final quotes. */
export async function offersSeenByCustomer(prisma: PrismaClient, jobId: string): Promise<Offer[]> {
  await prisma.offer.updateMany({ where: { jobId, seenByCustomerAt: null }, data: { seenByCustomerAt: new Date() } });
  return prisma.offer.findMany({ where: { jobId }, orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }], take: 500 });
}
