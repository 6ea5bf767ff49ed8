import { defineQuery, defineSignal } from '@temporalio/workflow';

/** An expert's reply as the workflow records it: ids and times only, never the answer text. */
export interface ReplyRecorded {
  replyId: string;
  expertId: string;
  repliedAt: string;
}

export type QuerySlaStage = 'awaiting_first_reply' | 'escalated' | 'answered';

export interface QuerySlaStatus {
  queryId: string;
  stage: QuerySlaStage;
  firstReplyDueAt: string;
  firstReply: ReplyRecorded | null;
  breached: boolean;
}

export const replyRecordedSignal = defineSignal<[ReplyRecorded]>('replyRecorded');
export const querySlaStatusQuery = defineQuery<QuerySlaStatus>('status');
