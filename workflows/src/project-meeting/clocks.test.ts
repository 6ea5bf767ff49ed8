import { describe, expect, it } from 'vitest';
import { afterClock, afterMove, afterSummary, initialMeetingState, nextMeetingClock } from './clocks.js';
import { meetingPolicySchema } from './policy.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const policy = meetingPolicySchema.parse({});
const booked = Date.parse('2026-11-20T09:00:00Z');
const startsAt = Date.parse('2026-11-23T14:00:00Z');

describe('meeting clocks', () => {
  it('reminds both 24 h and 1 h before, then waits 24 h after the end for the summary', () => {
    let state = initialMeetingState(startsAt, 30, booked);
    const first = nextMeetingClock(state, policy)!;
    expect(first).toMatchObject({ kind: 'reminder', at: startsAt - 24 * HOUR, before: '24h' });
    state = afterClock(state, first);
    const second = nextMeetingClock(state, policy)!;
    expect(second).toMatchObject({ kind: 'reminder', at: startsAt - HOUR, before: '1h' });
    state = afterClock(state, second);
    expect(nextMeetingClock(state, policy)).toMatchObject({ kind: 'summary_reminder', at: startsAt + 30 * MIN + 24 * HOUR });
  });

  it('a meeting booked an hour ahead gets no reminder for a time already past', () => {
    const state = initialMeetingState(startsAt, 30, startsAt - 2 * HOUR);
    expect(nextMeetingClock(state, policy)).toMatchObject({ kind: 'reminder', before: '1h' });
  });

  it('without a summary the expert is reminded, then ops are alerted 24 h later, then nothing', () => {
    let state = { ...initialMeetingState(startsAt, 60, booked), remindFrom: startsAt };
    const reminder = nextMeetingClock(state, policy)!;
    expect(reminder.kind).toBe('summary_reminder');
    state = afterClock(state, reminder);
    const alert = nextMeetingClock(state, policy)!;
    expect(alert).toMatchObject({ kind: 'ops_alert', at: reminder.at + 24 * HOUR });
    expect(nextMeetingClock(afterClock(state, alert), policy)).toBeNull();
  });

  it('a summary ends every clock', () => {
    expect(nextMeetingClock(afterSummary(initialMeetingState(startsAt, 30, booked)), policy)).toBeNull();
  });

  it('a move restarts the wait: reminders for the new time, none for times already past', () => {
    let state = initialMeetingState(startsAt, 30, booked);
    state = afterClock(state, nextMeetingClock(state, policy)!);
    const declinedAt = startsAt - 3 * HOUR;
    const moved = afterMove(state, startsAt + 2 * HOUR, declinedAt);
    expect(moved.startsAt).toBe(startsAt + 2 * HOUR);
    expect(nextMeetingClock(moved, policy)).toMatchObject({ kind: 'reminder', before: '1h', at: startsAt + HOUR });
  });
});
