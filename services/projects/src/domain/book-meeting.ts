import { randomUUID } from 'node:crypto';
import { meetingBooked } from '@guild/contracts';
import type { PrismaClient, Project } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { withFollowUps } from './meeting-view.js';
import { PROJECTS_SOURCE } from './source.js';

/** The customer books a slot with the project's expert; reminders and the summary deadline follow. */
export async function bookMeeting(
  prisma: PrismaClient,
  project: Project,
  body: { startsAt: string; durationMinutes: number; agenda?: string | undefined },
  bookedBy: string,
) {
  return prisma.$transaction(async (tx) => {
    const meeting = await tx.meeting.create({
      data: {
        id: randomUUID(),
        projectId: project.id,
        expertId: project.expertId,
        startsAt: new Date(body.startsAt),
        durationMinutes: body.durationMinutes,
        agenda: body.agenda ?? null,
        bookedBy,
      },
      include: withFollowUps,
    });
    await recordEvent(tx, PROJECTS_SOURCE, meetingBooked, {
      meetingId: meeting.id,
      projectId: project.id,
      customerId: project.customerId,
      expertId: meeting.expertId,
      startsAt: meeting.startsAt.toISOString(),
      durationMinutes: meeting.durationMinutes,
    });
    return meeting;
  });
}
