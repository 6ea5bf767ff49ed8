import type { MeetingPolicy } from './policy.js';

export interface MeetingInput {
  meetingId: string;
  projectId: string;
  customerId: string;
  expertId: string;
  startsAt: string;
  durationMinutes: number;
  policy: MeetingPolicy;
}

export interface MeetingOutcome {
  meetingId: string;
  result: 'summarized' | 'summary_missing';
  remindersSent: number;
}

export const meetingWorkflowId = (meetingId: string) => `meeting-${meetingId}`;
