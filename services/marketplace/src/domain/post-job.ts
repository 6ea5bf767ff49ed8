import { randomUUID } from 'node:crypto';
import { jobPosted, type PostJobBody } from '@guild/contracts';
import type { Job, Prisma, PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { MARKETPLACE_SOURCE } from './source.js';

/** A customer posts a job; `marketplace.job.posted` starts its hiring process and 24 h clock. */
export async function postJob(prisma: PrismaClient, customerId: string, postedBy: string, body: PostJobBody): Promise<Job> {
  return prisma.$transaction(async (tx) => {
    const job = await tx.job.create({
      data: {
        id: randomUUID(),
        customerId,
        postedBy,
        title: body.title,
        description: body.description,
        tasks: body.tasks,
        skills: [...new Set(body.skills)],
        budget: body.budget as Prisma.InputJsonObject,
        talentRegion: body.talentRegion ?? null,
        desiredStart: new Date(`${body.desiredStart}T00:00:00Z`),
        timeZone: body.timeZone,
      },
    });
    await recordEvent(tx, MARKETPLACE_SOURCE, jobPosted, { jobId: job.id, customerId, postedAt: job.postedAt.toISOString() });
    return job;
  });
}
