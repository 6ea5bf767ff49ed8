import { defineQuery, defineSignal } from '@temporalio/workflow';

/** The meeting's time changed: the expert declined proposing `startsAt`, or the customer confirmed a time. */
export interface MeetingMoved {
  startsAt: string;
}

export interface MeetingStatus {
  meetingId: string;
  startsAt: string;
  summarized: boolean;
  summaryReminded: boolean;
  opsAlerted: boolean;
  next: { kind: string; at: string } | null;
}

export const meetingMovedSignal = defineSignal<[MeetingMoved]>('meetingMoved');
export const meetingSummarizedSignal = defineSignal('meetingSummarized');
export const meetingStatusQuery = defineQuery<MeetingStatus>('meetingStatus');
