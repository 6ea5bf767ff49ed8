import { durationMs } from '../shared/duration.js';
import type { MeetingPolicy } from './policy.js';
import type { MeetingState } from './state.js';

// What is due when for a meeting, and how its state moves. Pure: the workflow waits and calls.

export type MeetingClock =
  | { kind: 'reminder'; at: number; before: string; summary: string }
  | { kind: 'summary_reminder' | 'ops_alert'; at: number; summary: string };

export const reminderKey = (startsAt: number, before: string) => `${new Date(startsAt).toISOString()}/${before}`;

export function initialMeetingState(startsAt: number, durationMinutes: number, now: number): MeetingState {
  return { startsAt, durationMinutes, remindFrom: now, reminded: [], summarized: false, summaryReminded: false, opsAlerted: false };
}

const endOf = (state: MeetingState) => state.startsAt + state.durationMinutes * 60_000;

/** The next clock to fire, or null once the meeting is summarized or ops were alerted. */
export function nextMeetingClock(state: MeetingState, policy: MeetingPolicy): MeetingClock | null {
  if (state.summarized || state.opsAlerted) return null;
  const reminders: MeetingClock[] = policy.remindersBefore
    .map((before) => ({ kind: 'reminder' as const, at: state.startsAt - durationMs(before), before, summary: `meeting reminder ${before} before it` }))
    .filter((r) => r.at >= state.remindFrom && !state.reminded.includes(reminderKey(state.startsAt, r.before)));
  const summaryDueAt = endOf(state) + durationMs(policy.summaryDue);
  const chase: MeetingClock = state.summaryReminded
    ? { kind: 'ops_alert', at: summaryDueAt + durationMs(policy.opsAlertAfter), summary: `alert ops ${policy.opsAlertAfter} after the summary reminder` }
    : { kind: 'summary_reminder', at: summaryDueAt, summary: `summary deadline ${policy.summaryDue} after the meeting` };
  return [...reminders, chase].sort((a, b) => a.at - b.at)[0]!;
}

/** The meeting moved (a decline with a proposed time, or the customer took it): the wait starts again. */
export function afterMove(state: MeetingState, startsAt: number, now: number): MeetingState {
  if (state.summarized || startsAt === state.startsAt) return state;
  return { ...state, startsAt, remindFrom: now, summaryReminded: false };
}

export function afterSummary(state: MeetingState): MeetingState {
  return { ...state, summarized: true };
}

export function afterClock(state: MeetingState, clock: MeetingClock): MeetingState {
  switch (clock.kind) {
    case 'reminder':
      return { ...state, reminded: [...state.reminded, reminderKey(state.startsAt, clock.before)] };
    case 'summary_reminder':
      return { ...state, summaryReminded: true };
    case 'ops_alert':
      return { ...state, opsAlerted: true };
  }
}
