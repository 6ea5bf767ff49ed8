import type { WeekDay } from '@guild/contracts';
import type { SprintWeek } from './week-clock.js';

/** A finished week whose hours the customer is reviewing until `closesAt`. */
export interface PendingReview {
  weekStart: string;
  closesAt: number;
}

export type WeekStep = 'estimate_reminder' | 'hours_reminder';

/** Everything the sprint carries from one week's run to the next; times are epoch milliseconds. */
export interface SprintState {
  timeZone: string;
  weekStartDay: WeekDay;
  week: SprintWeek;
  /** Reminders due before this instant are skipped: a sprint started mid-week does not remind of the past. */
  remindFrom: number;
  done: WeekStep[];
  pendingReviews: PendingReview[];
  /** Weeks whose end the sprint has reached, over all its runs. */
  weeksCompleted: number;
  /** Time entries the review window approved, over all runs. */
  autoApprovedEntries: number;
}
