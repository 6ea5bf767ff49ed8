import type { PrismaClient, Project } from '@guild/db';
import { queueProjectsMail } from '../mail/mail-outbox.js';
import { meetingSummaryMissingMail, meetingSummaryReminderMail } from '../mail/templates.js';
import { meetingMailData } from './meeting-mail-data.js';
import type { MeetingWithFollowUps } from './meeting-view.js';

export type SummaryChaseStep = 'remind_expert' | 'alert_ops';

/** The summary deadline passed: the expert is reminded, and later ops are alerted; once each, and never after the summary came. */
export async function chaseMeetingSummary(prisma: PrismaClient, project: Project, meeting: MeetingWithFollowUps, step: SummaryChaseStep) {
  if (meeting.status === 'summarized') return { queued: false, taskIds: [] };
  const data = meetingMailData(project, meeting);
  await prisma.$transaction((tx) =>
    step === 'remind_expert'
      ? queueProjectsMail(tx, {
          idempotencyKey: `meeting-summary-reminder:${meeting.id}`,
          template: meetingSummaryReminderMail,
          to: [{ kind: 'expert', expertId: meeting.expertId }],
          data,
        })
      : queueProjectsMail(tx, {
          idempotencyKey: `meeting-summary-missing:${meeting.id}`,
          template: meetingSummaryMissingMail,
          to: [{ kind: 'ops' }],
          data: { ...data, expertId: meeting.expertId },
        }),
  );
  return { queued: true, taskIds: [] };
}
