import type { BusinessCalendar } from '../shared/business-hours.js';
import type { SupportPolicy } from './policy.js';
import type { SupportQueryState } from './state.js';

export interface SupportQueryInput {
  queryId: string;
  customerId: string;
  assignedExpertId: string | null;
  /** ISO time the customer submitted: the first-reply clock runs from here, not from start. */
  submittedAt: string;
  /** The customer's terms as submitted, so the first clock starts without asking; absent in older events: then it asks. */
  terms?: SupportTerms;
  policy: SupportPolicy;
  /** Carried across continue-as-new; absent on the first run. */
  carried?: { state: SupportQueryState; firstReplyAt: string | null };
}

export interface SupportQueryOutcome {
  queryId: string;
  result: 'resolved' | 'closed';
  breached: boolean;
  firstReplyAt: string | null;
}

/** What the support service tells the workflow about the customer's terms at the start. */
export interface SupportTerms {
  calendar: BusinessCalendar | null;
}

export const supportQueryWorkflowId = (queryId: string) => `query-${queryId}`;
