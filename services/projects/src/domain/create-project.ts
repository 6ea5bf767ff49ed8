import { randomUUID } from 'node:crypto';
import { projectCreated, type CreateProjectBody } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { PROJECTS_SOURCE } from './source.js';

/** Opens an engagement in `launching`; ops (or hiring and sales, as a service) activate it. */
export async function createProject(prisma: PrismaClient, body: CreateProjectBody) {
  return prisma.$transaction(async (tx) => {
    const project = await tx.project.create({
      data: {
        id: randomUUID(),
        title: body.title,
        customerId: body.customerId,
        expertId: body.expertId,
        customerRateCents: body.customerRateCents,
        expertRateCents: body.expertRateCents,
        talentRegion: body.talentRegion,
        budgetKind: body.budget.kind,
        budgetMinutes: body.budget.minutes,
        weekStartDay: body.weekStartDay,
        timeZone: body.timeZone,
        billingMode: body.billingMode,
        npsCadence: body.npsCadence,
      },
    });
    await recordEvent(tx, PROJECTS_SOURCE, projectCreated, {
      projectId: project.id,
      customerId: project.customerId,
      expertId: project.expertId,
      customerRateCents: project.customerRateCents,
      expertRateCents: project.expertRateCents,
      currency: 'USD',
      talentRegion: project.talentRegion,
      billingMode: project.billingMode,
      timeZone: project.timeZone,
      weekStartDay: project.weekStartDay,
      createdAt: project.createdAt.toISOString(),
    });
    return project;
  });
}
