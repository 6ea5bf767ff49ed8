import { randomUUID } from 'node:crypto';
import type { PrismaClient, Project, Stakeholder } from '@guild/db';

/** People on the customer's side the expert works with; the customer and ops keep the list. */
export async function addStakeholder(
  prisma: PrismaClient,
  project: Project,
  body: { name: string; role: string; email: string; phone?: string | undefined },
  createdBy: string,
) {
  return prisma.stakeholder.create({
    data: { id: randomUUID(), projectId: project.id, name: body.name, role: body.role, email: body.email, phone: body.phone ?? null, createdBy },
  });
}

export function toStakeholderView(s: Stakeholder) {
  return { id: s.id, projectId: s.projectId, name: s.name, role: s.role, email: s.email, phone: s.phone, createdAt: s.createdAt.toISOString() };
}
