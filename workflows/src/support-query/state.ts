import type { BusinessCalendar } from '../shared/business-hours.js';

export type ReplyKind = 'answer' | 'checking' | 'research' | 'needs_info' | 'action';

export type SupportStage =
  | 'awaiting_reply' // a reply clock runs (first reply, or next reply after a follow-up)
  | 'answered' // answered; ETA and quiet-close clocks run
  | 'community' // "we are checking" with the community
  | 'research' // hard problem under research; the customer gets regular updates
  | 'awaiting_customer' // needs_info: the reply clock is paused until the customer answers
  | 'resolution_proposed' // the expert proposed resolution; the customer confirms, or the quiet period does
  | 'resolved' // still reopenable by the customer until the reopen window ends
  | 'closed';

/** A running reply clock: when it started, when the warning goes, when it is breached. */
export interface ReplyClock {
  purpose: 'first_reply' | 'next_reply';
  dueAt: number;
  warnAt: number;
  warned: boolean;
  breached: boolean;
}

/** Everything the workflow knows about one query; times are epoch milliseconds. */
export interface SupportQueryState {
  stage: SupportStage;
  replyClock: ReplyClock | null;
  stageSince: number;
  lastResearchUpdateAt: number | null;
  needsInfoReminded: boolean;
  etaAt: number | null;
  etaAlerted: boolean;
  everBreached: boolean;
  calendar: BusinessCalendar | null;
  /** When ops last changed the calendar while the query ran; absent until they do. */
  calendarChangedAt?: number;
}
