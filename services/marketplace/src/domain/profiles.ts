import type { ExpertProfileBody } from '@guild/contracts';
import type { Prisma} from '@guild/db';
import { type ExpertProfile, type PrismaClient } from '@guild/db';
import type { MatchExpert } from './matching.js';
import { npsAverageOf, skillsOf } from './views.js';

/** A draft profile for an expert identity just registered; a repeated event changes nothing. */
export async function openProfile(prisma: PrismaClient, expertId: string): Promise<void> {
  await prisma.expertProfile.createMany({ data: [{ expertId }], skipDuplicates: true });
}

export async function saveProfile(prisma: PrismaClient, expertId: string, body: ExpertProfileBody): Promise<ExpertProfile> {
  const data = { ...body, skills: body.skills as Prisma.InputJsonArray };
  return prisma.expertProfile.upsert({ where: { expertId }, create: { expertId, ...data }, update: data });
}

/** Median minutes from invitation to offer, per expert, over every invitation they answered. */
export async function medianResponseMinutes(prisma: PrismaClient, expertIds: string[]): Promise<Map<string, number>> {
  if (expertIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ expert_id: string; minutes: number }[]>`
    SELECT expert_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM responded_at - invited_at) / 60)::float8 AS minutes
    FROM marketplace.job_invitation
    WHERE responded_at IS NOT NULL AND expert_id = ANY(${expertIds})
    GROUP BY expert_id`;
  return new Map(rows.map((r) => [r.expert_id, Math.round(r.minutes * 10) / 10]));
}

/** Every listed expert, with what matching needs. */
export async function listedExperts(prisma: PrismaClient): Promise<MatchExpert[]> {
  const profiles = await prisma.expertProfile.findMany({ where: { listingStatus: 'listed' }, orderBy: { expertId: 'asc' }, take: 5_000 });
  const medians = await medianResponseMinutes(prisma, profiles.map((p) => p.expertId));
  return profiles.map((p) => ({
    expertId: p.expertId,
    skills: skillsOf(p),
    technologies: p.technologies,
    talentRegion: p.talentRegion as MatchExpert['talentRegion'],
    hourlyRateCents: p.hourlyRateCents,
    weeklyHours: p.weeklyHours,
    npsAverage: npsAverageOf(p),
    approvedEntries: p.approvedEntries,
    medianResponseMinutes: medians.get(p.expertId) ?? null,
  }));
}

/** Quality from past projects: an NPS answer about the expert's project. */
export async function recordNps(prisma: PrismaClient, expertId: string, score: number): Promise<void> {
  await openProfile(prisma, expertId);
  await prisma.expertProfile.update({ where: { expertId }, data: { npsScoreSum: { increment: score }, npsAnswers: { increment: 1 } } });
}

/** Quality from past projects: hours the customer approved. */
export async function recordApproval(prisma: PrismaClient, expertId: string, minutes: number): Promise<void> {
  await openProfile(prisma, expertId);
  await prisma.expertProfile.update({ where: { expertId }, data: { approvedEntries: { increment: 1 }, approvedMinutes: { increment: minutes } } });
}
