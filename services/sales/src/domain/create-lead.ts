import { randomUUID } from 'node:crypto';
import { leadCreated } from '@guild/contracts';
import type { PrismaClient, SalesLead } from '@guild/db';
import { badRequest, notFound, recordEvent, type Principal } from '@guild/platform';
import { SALES_SOURCE } from './source.js';

interface LeadDetails {
  companyName: string;
  contactName: string;
  contactEmail: string;
  needs: string;
  ownerId?: string | undefined;
}

async function recordLead(prisma: PrismaClient, data: Omit<SalesLead, 'id' | 'createdAt' | 'stageChangedAt' | 'stage' | 'lostReason' | 'meetingAt' | 'meetingMinutes' | 'offerRateCents' | 'offerHours' | 'offerRegion' | 'draftTasks' | 'acceptTokenHash' | 'acceptedAt' | 'customerId' | 'handling' | 'closedAt'>) {
  return prisma.$transaction(async (tx) => {
    const lead = await tx.salesLead.create({ data: { id: randomUUID(), ...data } });
    await recordEvent(tx, SALES_SOURCE, leadCreated, { leadId: lead.id, ownerId: lead.ownerId, referrerId: lead.referrerId, source: lead.source, createdAt: lead.createdAt.toISOString() });
    return lead;
  });
}

/** An expert brings a lead: they own it and earn its commissions. Ops record an inbound lead for an owner. */
export async function createLead(prisma: PrismaClient, principal: Principal, body: LeadDetails) {
  const details = { companyName: body.companyName, contactName: body.contactName, contactEmail: body.contactEmail, needs: body.needs, referralCode: null };
  if (principal.role === 'expert' && principal.expertId) {
    return recordLead(prisma, { ...details, source: 'expert', referrerId: principal.expertId, ownerId: principal.expertId });
  }
  if (!body.ownerId) throw badRequest('an inbound lead needs the expert who runs it', [{ path: 'body.ownerId', message: 'required for ops' }]);
  return recordLead(prisma, { ...details, source: 'inbound', referrerId: null, ownerId: body.ownerId });
}

/**
 * A customer who comes with an expert's referral code: the expert owns and is attributed. The
 * same code used again by the same contact answers the first lead — attributed once.
 */
export async function createReferredLead(prisma: PrismaClient, code: string, body: LeadDetails) {
  const referral = await prisma.salesReferralCode.findUnique({ where: { code } });
  if (!referral) throw notFound('referral code');
  const known = await prisma.salesLead.findUnique({ where: { referralCode_contactEmail: { referralCode: code, contactEmail: body.contactEmail } } });
  if (known) return known;
  const details = { companyName: body.companyName, contactName: body.contactName, contactEmail: body.contactEmail, needs: body.needs };
  try {
    return await recordLead(prisma, { ...details, source: 'referral', referralCode: code, referrerId: referral.expertId, ownerId: referral.expertId });
  } catch (err) {
    // The same form sent twice at once: the other request recorded it.
    const raced = await prisma.salesLead.findUnique({ where: { referralCode_contactEmail: { referralCode: code, contactEmail: body.contactEmail } } });
    if (raced) return raced;
    throw err;
  }
}
