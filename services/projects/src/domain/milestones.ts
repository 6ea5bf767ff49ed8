import { randomUUID } from 'node:crypto';
import type { Milestone, PrismaClient, Project } from '@guild/db';
import { dateOfDay, dayOf } from './weeks.js';

export async function addMilestone(prisma: PrismaClient, project: Project, body: { title: string; dueOn?: string | undefined }) {
  return prisma.milestone.create({
    data: { id: randomUUID(), projectId: project.id, title: body.title, dueOn: body.dueOn ? dateOfDay(body.dueOn) : null },
  });
}

export function toMilestoneView(m: Milestone) {
  return { id: m.id, projectId: m.projectId, title: m.title, dueOn: m.dueOn ? dayOf(m.dueOn) : null, createdAt: m.createdAt.toISOString() };
}
