import { projectActivated, projectEnded, projectPaused, projectResumed } from '@guild/contracts';
import type { PrismaClient, Project, ProjectStatus } from '@guild/db';
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

/** Moves the project and records its event; the status guard makes a concurrent second move a 409. */
export async function changeProjectStatus(prisma: PrismaClient, project: Project, move: ProjectMove): Promise<Project> {
  const { from, to, event, verb } = projectMoves[move];
  return prisma.$transaction(async (tx) => {
    const moved = await tx.project.updateMany({ where: { id: project.id, status: { in: [...from] } }, data: { status: to } });
    const current = await tx.project.findUnique({ where: { id: project.id } });
    if (!current) throw notFound('project');
    if (moved.count === 0) throw projectStatusRefused(current.status, verb);
    await recordEvent(tx, PROJECTS_SOURCE, event, {
      projectId: current.id,
      customerId: current.customerId,
      expertId: current.expertId,
      at: current.updatedAt.toISOString(),
    });
    return current;
  });
}
