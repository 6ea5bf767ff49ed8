import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient, Project, Sprint } from '@guild/db';
import { dateOfDay } from './weeks.js';

/** The sprint of a project week, made on first use; concurrent first uses make one row. */
export async function ensureSprint(tx: Prisma.TransactionClient | PrismaClient, project: Project, weekStart: string): Promise<Sprint> {
  const key = { projectId: project.id, weekStart: dateOfDay(weekStart) };
  await tx.sprint.createMany({ data: [{ id: randomUUID(), ...key }], skipDuplicates: true });
  return tx.sprint.findUniqueOrThrow({ where: { projectId_weekStart: key } });
}
