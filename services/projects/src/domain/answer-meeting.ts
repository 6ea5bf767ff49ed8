import { meetingConfirmed, meetingRescheduled } from '@guild/contracts';
import type { MeetingStatus, Prisma, PrismaClient, Project } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { queueProjectsMail } from '../mail/mail-outbox.js';
import { localTimeOf } from '../mail/meeting-times.js';
import { meetingRescheduleMail } from '../mail/templates.js';
import { meetingMailData } from './meeting-mail-data.js';
import { type MeetingWithFollowUps, withFollowUps } from './meeting-view.js';
import { meetingStatusRefused } from './projects-errors.js';
import { PROJECTS_SOURCE } from './source.js';

async function moveMeeting(
  tx: Prisma.TransactionClient,
  meeting: MeetingWithFollowUps,
  from: MeetingStatus[],
  action: string,
  data: Prisma.MeetingUpdateManyMutationInput,
) {
  const moved = await tx.meeting.updateMany({ where: { id: meeting.id, status: { in: from } }, data });
  const current = await tx.meeting.findUniqueOrThrow({ where: { id: meeting.id }, include: withFollowUps });
  if (moved.count === 0) throw meetingStatusRefused(current.status, action);
  return current;
}

/** The expert will attend (also a time they proposed themselves, once the customer took it). */
export async function confirmMeeting(prisma: PrismaClient, project: Project, meeting: MeetingWithFollowUps) {
  return prisma.$transaction(async (tx) => {
    const current = await moveMeeting(tx, meeting, ['requested'], 'confirmed', { status: 'confirmed' });
    await recordEvent(tx, PROJECTS_SOURCE, meetingConfirmed, {
      meetingId: current.id,
      projectId: project.id,
      customerId: project.customerId,
      expertId: current.expertId,
      startsAt: current.startsAt.toISOString(),
    });
    return current;
  });
}

/**
 * The expert cannot attend and proposes another time. With less notice than the policy asks it is
 * a late reschedule, which ops see per expert. The customer is told in the same transaction.
 */
export async function declineMeeting(
  prisma: PrismaClient,
  project: Project,
  meeting: MeetingWithFollowUps,
  body: { proposedStartsAt: string; reason?: string | undefined },
  noticeHours: number,
  now = new Date(),
) {
  const late = meeting.startsAt.getTime() - now.getTime() < noticeHours * 3_600_000;
  return prisma.$transaction(async (tx) => {
    const current = await moveMeeting(tx, meeting, ['requested', 'confirmed'], 'declined', {
      status: 'rescheduling',
      proposedStartsAt: new Date(body.proposedStartsAt),
      declineReason: body.reason ?? null,
      declinedAt: now,
      // One late reschedule stays on the record even if the new time is declined in time.
      ...(late ? { lateReschedule: true } : {}),
    });
    await recordEvent(tx, PROJECTS_SOURCE, meetingRescheduled, {
      meetingId: current.id,
      projectId: project.id,
      customerId: project.customerId,
      expertId: current.expertId,
      startsAt: meeting.startsAt.toISOString(),
      proposedStartsAt: current.proposedStartsAt!.toISOString(),
      late,
    });
    // The customer hears of the proposal at once; ops are copied on a late one.
    await queueProjectsMail(tx, {
      idempotencyKey: `meeting-reschedule:${current.id}:${now.toISOString()}`,
      template: meetingRescheduleMail,
      to: [{ kind: 'company', companyId: project.customerId }, ...(late ? [{ kind: 'ops' as const }] : [])],
      data: {
        ...meetingMailData(project, meeting),
        proposedStartsAt: localTimeOf(current.proposedStartsAt!, project.timeZone),
        late,
        reason: body.reason ?? null,
      },
    });
    return current;
  });
}

/** The customer takes the expert's proposed time: the meeting moves there, confirmed. */
export async function acceptProposedTime(prisma: PrismaClient, project: Project, meeting: MeetingWithFollowUps) {
  return prisma.$transaction(async (tx) => {
    if (!meeting.proposedStartsAt) throw meetingStatusRefused(meeting.status, 'moved');
    const current = await moveMeeting(tx, meeting, ['rescheduling'], 'moved', {
      status: 'confirmed',
      startsAt: meeting.proposedStartsAt,
      proposedStartsAt: null,
    });
    await recordEvent(tx, PROJECTS_SOURCE, meetingConfirmed, {
      meetingId: current.id,
      projectId: project.id,
      customerId: project.customerId,
      expertId: current.expertId,
      startsAt: current.startsAt.toISOString(),
    });
    return current;
  });
}
