/** What the meeting's workflow knows; times are epoch milliseconds. */
export interface MeetingState {
  startsAt: number;
  durationMinutes: number;
  /** Reminders before this instant are skipped: a meeting booked or moved late is not reminded of the past. */
  remindFrom: number;
  /** Reminders sent, as `<startsAt>/<before>`: a moved meeting gets its own. */
  reminded: string[];
  summarized: boolean;
  summaryReminded: boolean;
  opsAlerted: boolean;
}
