import type { ActivityDeps } from '../services.js';

/** Calls a meeting's workflow makes to the projects service; each mail is queued there once. */
export function createProjectMeetingActivities({ services: { projects } }: ActivityDeps) {
  return {
    /** Answers whether a reminder went out (none for a meeting since moved or summarized). */
    async remindOfMeeting(meetingId: string, startsAt: string, before: string): Promise<boolean> {
      return (await projects.post<{ queued: boolean }>(`/meetings/${encodeURIComponent(meetingId)}/reminder`, { startsAt, before })).queued;
    },

    /** Answers whether the mail went out (none once the summary is posted). */
    async chaseMeetingSummary(meetingId: string, step: 'remind_expert' | 'alert_ops'): Promise<boolean> {
      return (await projects.post<{ queued: boolean }>(`/meetings/${encodeURIComponent(meetingId)}/summary-chase`, { step })).queued;
    },
  };
}
