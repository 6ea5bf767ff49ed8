import { projectActivated, projectEnded, projectPaused, projectResumed } from '@guild/contracts';
import type { Prisma, PrismaClient, Project, ProjectStatus } from '@guild/db';
import { notFound, recordEvent } from '@guild/platform';
import { projectStatusRefused } from './projects-errors.js';
import { PROJECTS_SOURCE } from './source.js';

/** launching → active ⇄ paused → ended: each move, the statuses it starts from, and its event. */
export const projectMoves = {
  activate: { from: ['launching'], to: 'active', event: projectActivated, verb: 'activated' },
  pause: { from: ['active'], to: 'paused', event: projectPaused, verb: 'paused' },
  resume: { from: ['paused'], to: 'active', event: projectResumed, verb: 'resumed' },
  end: { from: ['launching', 'active', 'paused'], to: 'ended', event: projectEnded, verb: 'ended' },
} as const satisfies Record<string, { from: readonly ProjectStatus[]; to: ProjectStatus; event: unknown; verb: string }>;
export type ProjectMove = keyof typeof projectMoves;

/**
 * Moves the project inside the caller's transaction and records its event; answers null when the
 * project is no longer in a status the move starts from.
 */
export async function moveProject(tx: Prisma.TransactionClient, project: Project, move: ProjectMove): Promise<Project | null> {
  const { from, to, event } = projectMoves[move];
  const moved = await tx.project.updateMany({ where: { id: project.id, status: { in: [...from] } }, data: { status: to } });
  if (moved.count === 0) return null;
  const current = await tx.project.findUniqueOrThrow({ where: { id: project.id } });
  await recordEvent(tx, PROJECTS_SOURCE, event, {
    projectId: current.id,
    customerId: current.customerId,
    expertId: current.expertId,
    at: current.updatedAt.toISOString(),
  });
  return current;
}

/** Moves the project and records its event; the status guard makes a concurrent second move a 409. */
export async function changeProjectStatus(prisma: PrismaClient, project: Project, move: ProjectMove): Promise<Project> {
  return prisma.$transaction(async (tx) => {
    const moved = await moveProject(tx, project, move);
    if (moved) return moved;
    const current = await tx.project.findUnique({ where: { id: project.id } });
    if (!current) throw notFound('project');
    throw projectStatusRefused(current.status, projectMoves[move].verb);
  });
}
