import type { PrismaClient, Project } from '@guild/db';
import { assertCanSee, notFound, type Principal } from '@guild/platform';
import { notAWeekStart } from './projects-errors.js';
import { isWeekStart } from './weeks.js';

/**
 * Loads a project the caller may see: members of its customer's company, its expert, ops and
 * services. Anyone else gets the same 404 as for a project that does not exist.
 */
export async function findVisibleProject(prisma: PrismaClient, principal: Principal, id: string): Promise<Project> {
  const project = await prisma.project.findUnique({ where: { id } });
  if (!project) throw notFound('project');
  assertCanSee(principal, { customerId: project.customerId, expertIds: [project.expertId] }, 'project');
  return project;
}

/** The hours are the customer's to approve (or ops'): to anyone else the project does not exist. */
export async function findProjectToApprove(prisma: PrismaClient, principal: Principal, id: string): Promise<Project> {
  const project = await findVisibleProject(prisma, principal, id);
  if (principal.role === 'expert') throw notFound('project');
  return project;
}

export function assertWeekStart(project: Project, weekStart: string): void {
  if (!isWeekStart(weekStart, project.weekStartDay)) throw notAWeekStart(weekStart, project.weekStartDay);
}
