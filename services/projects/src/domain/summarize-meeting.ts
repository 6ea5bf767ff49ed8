import { meetingSummarized } from '@guild/contracts';
import type { PrismaClient, Project } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { createTask } from './create-task.js';
import { type MeetingWithFollowUps, withFollowUps } from './meeting-view.js';
import { meetingNotHeld, meetingStatusRefused } from './projects-errors.js';
import { PROJECTS_SOURCE } from './source.js';

/** After the meeting the expert posts its three points; its follow-up tasks go on the board with them. */
export async function summarizeMeeting(
  prisma: PrismaClient,
  project: Project,
  meeting: MeetingWithFollowUps,
  body: { points: string[]; followUpTasks: { title: string; estimateMinutes: number }[] },
  by: string,
  now = new Date(),
) {
  if (meeting.startsAt > now) throw meetingNotHeld();
  return prisma.$transaction(async (tx) => {
    const moved = await tx.meeting.updateMany({
      where: { id: meeting.id, status: 'confirmed' },
      data: { status: 'summarized', summaryPoints: body.points, summarizedAt: now },
    });
    if (moved.count === 0) throw meetingStatusRefused(meeting.status, 'summarized');
    for (const task of body.followUpTasks) await createTask(tx, project, { ...task, meetingId: meeting.id }, by);
    await recordEvent(tx, PROJECTS_SOURCE, meetingSummarized, {
      meetingId: meeting.id,
      projectId: project.id,
      customerId: project.customerId,
      expertId: meeting.expertId,
      summarizedAt: now.toISOString(),
    });
    return tx.meeting.findUniqueOrThrow({ where: { id: meeting.id }, include: withFollowUps });
  });
}
