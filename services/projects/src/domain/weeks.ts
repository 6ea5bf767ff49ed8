import type { WeekDay } from '@guild/contracts';

// Calendar days as `YYYY-MM-DD` strings: a day is already local to the project, so week arithmetic
// needs no time zone. Only "which day is it now" does.

const weekDays: readonly WeekDay[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export function dateOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOf(new Date(dateOfDay(day).getTime() + days * 86_400_000));
}

/** The first day of the project week that `day` falls in. */
export function weekStartOf(day: string, weekStartDay: WeekDay): string {
  const offset = (dateOfDay(day).getUTCDay() - weekDays.indexOf(weekStartDay) + 7) % 7;
  return addDays(day, -offset);
}

export function isWeekStart(day: string, weekStartDay: WeekDay): boolean {
  return weekStartOf(day, weekStartDay) === day;
}

/** The calendar day an instant falls on in a time zone. */
export function localDayOf(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Whole weeks between two week starts. */
export function weeksBetween(fromWeekStart: string, toWeekStart: string): number {
  return Math.round((dateOfDay(toWeekStart).getTime() - dateOfDay(fromWeekStart).getTime()) / (7 * 86_400_000));
}
