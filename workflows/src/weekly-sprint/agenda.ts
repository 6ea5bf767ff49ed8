import { durationMs } from '../shared/duration.js';
import type { SprintPolicy } from './policy.js';
import type { SprintState } from './state.js';
import { addDays, calendarWeek, type SprintWeek } from './week-clock.js';

// What is due when in a sprint week, and how the state moves once it is done. Pure functions
// over plain data: the workflow only waits for the next item and acts on it.

export type AgendaItem =
  | { kind: 'estimate_reminder' | 'hours_reminder'; at: number; weekStart: string; summary: string }
  | { kind: 'review_close'; at: number; weekStart: string; summary: string }
  | { kind: 'week_end'; at: number; weekStart: string; summary: string };

/** Ties go in this order: a review closes before the week ends, reminders come first. */
const rank: Record<AgendaItem['kind'], number> = { estimate_reminder: 0, hours_reminder: 1, review_close: 2, week_end: 3 };

/** The first week of a sprint started at `now`: the week the project is in, or a short week starting now. */
export function firstWeek(currentWeekStart: string, timeZone: string, now: number, policy: SprintPolicy): SprintWeek {
  if (policy.weekLength === 'calendar') return calendarWeek(currentWeekStart, timeZone);
  return { weekStart: currentWeekStart, startsAt: now, endsAt: now + durationMs(policy.weekLength) };
}

/** The week after `week`: the next calendar week, or another short one straight after it. */
export function weekAfter(week: SprintWeek, timeZone: string, policy: SprintPolicy): SprintWeek {
  const weekStart = addDays(week.weekStart, 7);
  if (policy.weekLength === 'calendar') return calendarWeek(weekStart, timeZone);
  return { weekStart, startsAt: week.endsAt, endsAt: week.endsAt + durationMs(policy.weekLength) };
}

/** Everything still due in this week's run, soonest first; the week's end is always last. */
export function weekAgenda(state: SprintState, policy: SprintPolicy): AgendaItem[] {
  const { week } = state;
  const items: AgendaItem[] = [];
  const reminder = (kind: 'estimate_reminder' | 'hours_reminder', after: string, what: string) => {
    const at = week.startsAt + durationMs(after);
    if (!state.done.includes(kind) && at >= state.remindFrom && at < week.endsAt) {
      items.push({ kind, at, weekStart: week.weekStart, summary: `${what} ${after} into the week of ${week.weekStart}` });
    }
  };
  reminder('estimate_reminder', policy.estimateReminderAfter, 'missing-estimates reminder');
  reminder('hours_reminder', policy.hoursReminderAfter, 'missing-hours reminder');
  for (const review of state.pendingReviews) {
    if (review.closesAt <= week.endsAt) {
      items.push({ kind: 'review_close', at: review.closesAt, weekStart: review.weekStart, summary: `review window ${policy.reviewWindow} for the week of ${review.weekStart}` });
    }
  }
  items.push({ kind: 'week_end', at: week.endsAt, weekStart: week.weekStart, summary: `end of the week of ${week.weekStart}` });
  return items.sort((a, b) => a.at - b.at || rank[a.kind] - rank[b.kind]);
}

export function nextAgendaItem(state: SprintState, policy: SprintPolicy): AgendaItem {
  return weekAgenda(state, policy)[0]!;
}

/** The state once `item` is done. A week's end opens its review window and starts the next week. */
export function afterAgendaItem(state: SprintState, item: AgendaItem, policy: SprintPolicy, approvedEntries = 0): SprintState {
  switch (item.kind) {
    case 'estimate_reminder':
    case 'hours_reminder':
      return { ...state, done: [...state.done, item.kind] };
    case 'review_close':
      return {
        ...state,
        pendingReviews: state.pendingReviews.filter((r) => r.weekStart !== item.weekStart),
        autoApprovedEntries: state.autoApprovedEntries + approvedEntries,
      };
    case 'week_end': {
      const next = weekAfter(state.week, state.timeZone, policy);
      return {
        ...state,
        week: next,
        remindFrom: next.startsAt,
        done: [],
        pendingReviews: [...state.pendingReviews, { weekStart: item.weekStart, closesAt: state.week.endsAt + durationMs(policy.reviewWindow) }],
        weeksCompleted: state.weeksCompleted + 1,
      };
    }
  }
}
