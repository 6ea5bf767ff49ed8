import type { Meeting, Project } from '@guild/db';
import { localTimeOf } from '../mail/meeting-times.js';

/** What every meeting mail says about the meeting, its time in the project's time zone. */
export function meetingMailData(project: Project, meeting: Meeting, startsAt = meeting.startsAt) {
  return {
    projectId: project.id,
    projectTitle: project.title,
    meetingId: meeting.id,
    startsAt: localTimeOf(startsAt, project.timeZone),
    durationMinutes: meeting.durationMinutes,
  };
}
