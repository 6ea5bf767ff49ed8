import type { PrismaClient, Project } from '@guild/db';
import { queueProjectsMail } from '../mail/mail-outbox.js';
import { meetingReminderMail } from '../mail/templates.js';
import { meetingMailData } from './meeting-mail-data.js';
import type { MeetingWithFollowUps } from './meeting-view.js';

/**
 * Reminds the customer's people and the expert of a meeting at the time the workflow waits for.
 * Keyed by that time and how long before it, so a moved meeting gets its own reminders and a
 * retry none twice. A meeting already summarized, or moved elsewhere since, is not reminded.
 */
export async function remindMeeting(prisma: PrismaClient, project: Project, meeting: MeetingWithFollowUps, at: { startsAt: string; before: string }) {
  const startsAt = new Date(at.startsAt);
  const stillThere = meeting.startsAt.getTime() === startsAt.getTime() || meeting.proposedStartsAt?.getTime() === startsAt.getTime();
  if (meeting.status === 'summarized' || !stillThere) return { queued: false, taskIds: [] };
  await prisma.$transaction((tx) =>
    queueProjectsMail(tx, {
      idempotencyKey: `meeting-reminder:${meeting.id}:${startsAt.toISOString()}:${at.before}`,
      template: meetingReminderMail,
      to: [{ kind: 'company', companyId: project.customerId }, { kind: 'expert', expertId: meeting.expertId }],
      data: { ...meetingMailData(project, meeting, startsAt), agenda: meeting.agenda },
    }),
  );
  return { queued: true, taskIds: [] };
}
