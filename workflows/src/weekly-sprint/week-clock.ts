import type { WeekDay } from '@guild/contracts';

// Week boundaries in a project's time zone. Pure: the workflow computes its timers from them
// deterministically, and the tests check them against daylight-saving changes.

const DAY_MS = 86_400_000;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day an instant falls on in a time zone. */
export function localDayOf(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a day begins (local midnight) in a time zone. */
export function startOfDay(day: string, timeZone: string): number {
  const wallMidnight = Date.parse(`${day}T00:00:00Z`);
  // The offset at the guess may differ from the one at the answer across a DST change: look twice.
  const guess = wallMidnight - offsetAt(wallMidnight, timeZone);
  return wallMidnight - offsetAt(guess, timeZone);
}

const weekDays: readonly WeekDay[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The first day of the project week that `day` falls in. */
export function weekStartOf(day: string, weekStartDay: WeekDay): string {
  const offset = (new Date(`${day}T00:00:00Z`).getUTCDay() - weekDays.indexOf(weekStartDay) + 7) % 7;
  return addDays(day, -offset);
}

/** A project week as the sprint runs it: its name (first day) and the instants it starts and ends. */
export interface SprintWeek {
  weekStart: string;
  startsAt: number;
  endsAt: number;
}

/** The calendar week starting on `weekStart` in the project's time zone (167, 168 or 169 hours long). */
export function calendarWeek(weekStart: string, timeZone: string): SprintWeek {
  return { weekStart, startsAt: startOfDay(weekStart, timeZone), endsAt: startOfDay(addDays(weekStart, 7), timeZone) };
}
