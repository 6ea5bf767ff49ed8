import type { ReplyRecorded } from './messages.js';
import type { QuerySlaPolicy } from './policy.js';

export interface QuerySlaInput {
  queryId: string;
  customerId: string;
  assignedExpertId: string | null;
  /** ISO time the customer submitted: the first-reply clock runs from here, not from start. */
  submittedAt: string;
  policy: QuerySlaPolicy;
}

export type QuerySlaOutcome =
  | { queryId: string; result: 'replied_in_time'; firstReply: ReplyRecorded }
  | { queryId: string; result: 'replied_after_breach'; firstReply: ReplyRecorded };

export const querySlaWorkflowId = (queryId: string) => `query-${queryId}`;
