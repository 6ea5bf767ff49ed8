import { describe, expect, it } from 'vitest';
import { afterAgendaItem, firstWeek, nextAgendaItem, weekAgenda } from './agenda.js';
import { sprintPolicySchema } from './policy.js';
import type { SprintState } from './state.js';
import { calendarWeek, localDayOf, startOfDay, weekStartOf } from './week-clock.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const calendar = sprintPolicySchema.parse({});

function stateOf(weekStart: string, overrides: Partial<SprintState> = {}): SprintState {
  const week = calendarWeek(weekStart, 'Europe/Warsaw');
  return { timeZone: 'Europe/Warsaw', weekStartDay: 'monday', week, remindFrom: week.startsAt, done: [], pendingReviews: [], weeksCompleted: 0, autoApprovedEntries: 0, ...overrides };
}

describe('week boundaries in the project time zone', () => {
  it('a week starts at local midnight of its first day', () => {
    expect(new Date(startOfDay('2026-11-23', 'Europe/Warsaw')).toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(new Date(startOfDay('2026-11-23', 'America/New_York')).toISOString()).toBe('2026-11-23T05:00:00.000Z');
  });

  it('the week of a daylight-saving change is an hour shorter or longer', () => {
    const spring = calendarWeek('2026-03-23', 'Europe/Warsaw');
    expect(spring.endsAt - spring.startsAt).toBe(7 * DAY - HOUR);
    const autumn = calendarWeek('2026-10-19', 'Europe/Warsaw');
    expect(autumn.endsAt - autumn.startsAt).toBe(7 * DAY + HOUR);
  });

  it('the day an instant falls on, and its week, depend on the zone', () => {
    const sundayNightUtc = Date.parse('2026-11-29T23:30:00Z');
    expect(localDayOf(sundayNightUtc, 'UTC')).toBe('2026-11-29');
    expect(localDayOf(sundayNightUtc, 'Europe/Warsaw')).toBe('2026-11-30');
    expect(weekStartOf('2026-11-29', 'monday')).toBe('2026-11-23');
    expect(weekStartOf('2026-11-29', 'sunday')).toBe('2026-11-29');
  });
});

describe('what is due when in a sprint week', () => {
  it('reminders a day and four days in, then the week ends', () => {
    const state = stateOf('2026-11-23');
    expect(weekAgenda(state, calendar).map((i) => [i.kind, i.at - state.week.startsAt])).toEqual([
      ['estimate_reminder', DAY],
      ['hours_reminder', 4 * DAY],
      ['week_end', 7 * DAY],
    ]);
  });

  it('a sprint started mid-week does not remind of what was due before it began', () => {
    const state = stateOf('2026-11-23');
    const agenda = weekAgenda({ ...state, remindFrom: state.week.startsAt + 2 * DAY }, calendar);
    expect(agenda.map((i) => i.kind)).toEqual(['hours_reminder', 'week_end']);
  });

  it("the week's end opens its 5-day review window, which closes inside the next week's run", () => {
    let state = stateOf('2026-11-23');
    while (nextAgendaItem(state, calendar).kind !== 'week_end') state = afterAgendaItem(state, nextAgendaItem(state, calendar), calendar);
    const end = nextAgendaItem(state, calendar);
    expect(end).toMatchObject({ kind: 'week_end', weekStart: '2026-11-23', summary: 'end of the week of 2026-11-23' });
    const next = afterAgendaItem(state, end, calendar);
    expect(next.week.weekStart).toBe('2026-11-30');
    expect(next.weeksCompleted).toBe(1);
    expect(next.pendingReviews).toEqual([{ weekStart: '2026-11-23', closesAt: state.week.endsAt + 5 * DAY }]);
    expect(weekAgenda(next, calendar).map((i) => i.kind)).toEqual(['estimate_reminder', 'hours_reminder', 'review_close', 'week_end']);
    const closing = weekAgenda(next, calendar).find((i) => i.kind === 'review_close')!;
    expect(closing.summary).toBe('review window 5d for the week of 2026-11-23');
    const closed = afterAgendaItem(next, closing, calendar, 3);
    expect(closed.pendingReviews).toEqual([]);
    expect(closed.autoApprovedEntries).toBe(3);
  });

  it('a review window longer than a week carries over to the run after', () => {
    const slow = sprintPolicySchema.parse({ reviewWindow: '10d' });
    const state = stateOf('2026-11-30', { pendingReviews: [{ weekStart: '2026-11-23', closesAt: stateOf('2026-11-23').week.endsAt + 10 * DAY }] });
    expect(weekAgenda(state, slow).map((i) => i.kind)).not.toContain('review_close');
    const after = afterAgendaItem(state, weekAgenda(state, slow).at(-1)!, slow);
    expect(after.pendingReviews.map((r) => r.weekStart)).toEqual(['2026-11-23', '2026-11-30']);
    expect(weekAgenda(after, slow).map((i) => i.kind)).toContain('review_close');
  });

  it('a short test week starts now and is named after the calendar weeks that follow', () => {
    const short = sprintPolicySchema.parse({ weekLength: '6s', estimateReminderAfter: '1s', hoursReminderAfter: '2s', reviewWindow: '4s' });
    const now = Date.parse('2026-11-25T10:00:00Z');
    const week = firstWeek('2026-11-23', 'Europe/Warsaw', now, short);
    expect(week).toEqual({ weekStart: '2026-11-23', startsAt: now, endsAt: now + 6_000 });
    const state = { ...stateOf('2026-11-23'), week, remindFrom: now };
    const next = afterAgendaItem(state, weekAgenda(state, short).at(-1)!, short);
    expect(next.week).toEqual({ weekStart: '2026-11-30', startsAt: now + 6_000, endsAt: now + 12_000 });
    expect(next.pendingReviews).toEqual([{ weekStart: '2026-11-23', closesAt: now + 10_000 }]);
  });
});
