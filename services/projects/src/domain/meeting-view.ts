import type { Meeting, PrismaClient, Project } from '@guild/db';
import { notFound, type Principal } from '@guild/platform';
import { findVisibleProject } from './find-project.js';

export const withFollowUps = { followUpTasks: { select: { id: true } } } as const;
export type MeetingWithFollowUps = Meeting & { followUpTasks: { id: string }[] };

/** A meeting and its project, for a caller who may see the project. */
export async function findVisibleMeeting(prisma: PrismaClient, principal: Principal, id: string): Promise<{ meeting: MeetingWithFollowUps; project: Project }> {
  const meeting = await prisma.meeting.findUnique({ where: { id }, include: withFollowUps });
  if (!meeting) throw notFound('meeting');
  const project = await findVisibleProject(prisma, principal, meeting.projectId).catch(() => {
    throw notFound('meeting');
  });
  return { meeting, project };
}

export function toMeetingView(m: MeetingWithFollowUps) {
  return {
    id: m.id,
    projectId: m.projectId,
    expertId: m.expertId,
    startsAt: m.startsAt.toISOString(),
    durationMinutes: m.durationMinutes,
    agenda: m.agenda,
    status: m.status,
    proposedStartsAt: m.proposedStartsAt?.toISOString() ?? null,
    lateReschedule: m.lateReschedule,
    summaryPoints: m.summarizedAt ? m.summaryPoints : null,
    followUpTaskIds: m.followUpTasks.map((t) => t.id),
    createdAt: m.createdAt.toISOString(),
  };
}
