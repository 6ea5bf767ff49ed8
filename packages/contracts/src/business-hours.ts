/**
 * Time arithmetic for customers with a business-hours calendar: a 1 h first-reply clock that
 * starts Friday 17:30 with hours until 18:00 ends Monday 09:30 (the support workflow's clocks), and
 * a reply sent Monday 09:30 to that query took 1 h of business time (support's reports). Pure (no
 * clock, no I/O, imports nothing), so the workflow bundle can use it deterministically through
 * `@guild/contracts/business-hours`; time-zone rules come from the runtime's Intl data.
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface BusinessCalendar {
  /** IANA zone, e.g. 'Europe/Warsaw'. */
  timeZone: string;
  /** Opening hours per weekday as local 'HH:MM' pairs; a missing day is closed. */
  weeklyHours: Partial<Record<Weekday, { start: string; end: string }[]>>;
  /** Closed local dates, 'YYYY-MM-DD'. */
  holidays?: string[];
}

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_MS = 24 * 60 * 60_000;
const MAX_DAYS_SEARCHED = 400;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The instant `durationMs` of open business time after `from`. */
export function addBusinessTime(from: Date, durationMs: number, calendar: BusinessCalendar): Date {
  let remaining = durationMs;
  let cursor = from.getTime();
  let date = localDateOf(cursor, calendar.timeZone);
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
    for (const [open, close] of openIntervals(date, calendar)) {
      const start = Math.max(open, cursor);
      if (start >= close) continue;
      if (close - start >= remaining) return new Date(start + remaining);
      remaining -= close - start;
      cursor = close;
    }
    date = nextDay(date);
  }
  throw new Error(`calendar in ${calendar.timeZone} has no open hours within ${MAX_DAYS_SEARCHED} days`);
}

/** The open business time between two instants, in milliseconds; 0 when `to` is not after `from`. */
export function businessTimeBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  const end = to.getTime();
  let cursor = from.getTime();
  let open = 0;
  let date = localDateOf(cursor, calendar.timeZone);
  // One day past the end's local date is enough: intervals never start before their own day.
  while (cursor < end) {
    for (const [start, close] of openIntervals(date, calendar)) {
      const overlap = Math.min(close, end) - Math.max(start, cursor);
      if (overlap > 0) open += overlap;
    }
    date = nextDay(date);
    cursor = Math.max(cursor, instantOfLocal(date, 0, calendar.timeZone));
  }
  return open;
}

function openIntervals(date: LocalDate, calendar: BusinessCalendar): [number, number][] {
  if (calendar.holidays?.includes(isoDate(date))) return [];
  const weekday = WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()]!;
  return (calendar.weeklyHours[weekday] ?? [])
    .map(({ start, end }): [number, number] => [
      instantOfLocal(date, minutesOf(start), calendar.timeZone),
      instantOfLocal(date, minutesOf(end), calendar.timeZone),
    ])
    .sort((a, b) => a[0] - b[0]);
}

function minutesOf(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`opening hour ${hhmm} is not HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The UTC instant of a local wall-clock time, correcting for the zone's offset (and DST). */
function instantOfLocal(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return guess;
}

function offsetAt(instant: number, timeZone: string): number {
  const parts = zoneParts(instant, timeZone);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function localDateOf(instant: number, timeZone: string): LocalDate {
  const { year, month, day } = zoneParts(instant, timeZone);
  return { year, month, day };
}

function zoneParts(instant: number, timeZone: string) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const get = (type: string) => Number(format.formatToParts(instant).find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day) + DAY_MS);
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function isoDate({ year, month, day }: LocalDate): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
