import { randomUUID } from 'node:crypto';
import type { Job, Prisma, PrismaClient } from '@guild/db';
import { queueMarketplaceMail } from '../mail/mail-outbox.js';
import { invitationMail } from '../mail/templates.js';
import { rankExperts, type Match } from './matching.js';
import { listedExperts } from './profiles.js';
import { budgetOf, budgetText } from './views.js';

const matchJobOf = (job: Job) => ({ skills: job.skills, budget: budgetOf(job), talentRegion: job.talentRegion as 'eu_asia' | 'us_western_europe' | null });

/** Every eligible listed expert for the job, best first, with the parts of each score (ops). */
export async function rankForJob(prisma: PrismaClient, job: Job): Promise<Match[]> {
  return rankExperts(matchJobOf(job), await listedExperts(prisma));
}

/**
 * Invites the best `size` experts not invited yet, as wave `wave`, and mails each the job. A wave
 * asked for again answers the experts it invited (the process may repeat a call).
 */
export async function inviteWave(prisma: PrismaClient, job: Job, wave: number, size: number): Promise<Match[]> {
  const ranked = await rankForJob(prisma, job);
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM marketplace.job WHERE id = ${job.id}::uuid FOR UPDATE`;
    const existing = await tx.jobInvitation.findMany({ where: { jobId: job.id }, orderBy: { score: 'desc' } });
    const ofWave = existing.filter((i) => i.wave === wave);
    if (ofWave.length) return ofWave.map((i) => ({ expertId: i.expertId, score: i.score, parts: i.scoreParts as unknown as Match['parts'] }));
    if (job.status !== 'open') return [];
    const invited = new Set(existing.map((i) => i.expertId));
    const offered = new Set((await tx.offer.findMany({ where: { jobId: job.id }, select: { expertId: true } })).map((o) => o.expertId));
    const next = ranked.filter((m) => !invited.has(m.expertId) && !offered.has(m.expertId)).slice(0, size);
    for (const match of next) await invite(tx, job, wave, match);
    return next;
  });
}

async function invite(tx: Prisma.TransactionClient, job: Job, wave: number, match: Match) {
  await tx.jobInvitation.create({ data: { id: randomUUID(), jobId: job.id, expertId: match.expertId, wave, score: match.score, scoreParts: match.parts as unknown as Prisma.InputJsonObject } });
  await queueMarketplaceMail(tx, {
    idempotencyKey: `invitation:${job.id}:${match.expertId}`,
    template: invitationMail,
    data: { jobId: job.id, title: job.title, tasks: job.tasks, skills: job.skills, budget: budgetText(budgetOf(job)), desiredStart: job.desiredStart.toISOString().slice(0, 10), wave },
    to: [{ kind: 'expert', expertId: match.expertId }],
  });
}
