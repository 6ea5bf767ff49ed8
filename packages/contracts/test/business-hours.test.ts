import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from '../src/business-hours.js';

const nineToSix = { start: '09:00', end: '18:00' };
const warsaw: BusinessCalendar = {
  timeZone: 'Europe/Warsaw',
  weeklyHours: { mon: [nineToSix], tue: [nineToSix], wed: [nineToSix], thu: [nineToSix], fri: [nineToSix] },
};
const hour = 60 * 60_000;

describe('business-hours deadlines', () => {
  it('a 1 h clock started Friday 17:30 ends Monday 09:30', () => {
    // Friday 2026-11-20 17:30 in Warsaw (UTC+1) is 16:30 UTC.
    const deadline = addBusinessTime(new Date('2026-11-20T16:30:00Z'), hour, warsaw);
    expect(deadline.toISOString()).toBe('2026-11-23T08:30:00.000Z');
  });

  it('inside opening hours the clock runs like a wall clock', () => {
    expect(addBusinessTime(new Date('2026-11-18T09:00:00Z'), hour, warsaw).toISOString()).toBe('2026-11-18T10:00:00.000Z');
  });

  it('a query sent at night starts counting at opening time', () => {
    // Wednesday 03:00 Warsaw → clock starts 09:00 → deadline 10:00 local = 09:00 UTC.
    expect(addBusinessTime(new Date('2026-11-18T02:00:00Z'), hour, warsaw).toISOString()).toBe('2026-11-18T09:00:00.000Z');
  });

  it('skips holidays', () => {
    const withHoliday = { ...warsaw, holidays: ['2026-11-23'] };
    expect(addBusinessTime(new Date('2026-11-20T16:30:00Z'), hour, withHoliday).toISOString()).toBe('2026-11-24T08:30:00.000Z');
  });

  it('follows daylight-saving changes of the zone', () => {
    // Warsaw moves to UTC+2 on Sunday 2026-03-29: Monday 09:00 local is 07:00 UTC.
    const deadline = addBusinessTime(new Date('2026-03-27T16:30:00Z'), hour, warsaw);
    expect(deadline.toISOString()).toBe('2026-03-30T07:30:00.000Z');
  });

  it('handles split opening hours', () => {
    const split: BusinessCalendar = { timeZone: 'UTC', weeklyHours: { mon: [{ start: '13:00', end: '17:00' }, { start: '09:00', end: '12:00' }] } };
    // Monday 11:30 + 1 h → 30 min before lunch, 30 min after → 13:30.
    expect(addBusinessTime(new Date('2026-11-23T11:30:00Z'), hour, split).toISOString()).toBe('2026-11-23T13:30:00.000Z');
  });

  it('refuses a calendar that is never open', () => {
    expect(() => addBusinessTime(new Date(), hour, { timeZone: 'UTC', weeklyHours: {} })).toThrow(/no open hours/);
  });
});

describe('business time between two instants', () => {
  const hours = (n: number) => n * 60 * 60_000;

  it('counts only open hours: Friday 17:30 to Monday 09:30 is one hour', () => {
    expect(businessTimeBetween(new Date('2026-03-06T16:30:00Z'), new Date('2026-03-09T08:30:00Z'), warsaw)).toBe(hours(1));
  });

  it('is the inverse of adding business time, across a weekend, a holiday and a DST change', () => {
    const withHoliday = { ...warsaw, holidays: ['2026-03-30'] };
    const from = new Date('2026-03-26T15:00:00Z');
    const due = addBusinessTime(from, hours(20), withHoliday);
    // Thursday 16–18, Friday 9–18, Monday a holiday, Tuesday 9–18 (summer time by then: UTC+2).
    expect(due.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(businessTimeBetween(from, due, withHoliday)).toBe(hours(20));
  });

  it('is 0 outside open hours and when the end is not after the start', () => {
    expect(businessTimeBetween(new Date('2026-03-07T10:00:00Z'), new Date('2026-03-07T12:00:00Z'), warsaw)).toBe(0);
    expect(businessTimeBetween(new Date('2026-03-09T10:00:00Z'), new Date('2026-03-09T09:00:00Z'), warsaw)).toBe(0);
  });
});
