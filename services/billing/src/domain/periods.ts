import type { BillingCadence } from '@guild/contracts';

// Billing periods in UTC. Monthly: a calendar month, named `YYYY-MM`. Biweekly: two weeks from a
// Monday, counted from Monday 1970-01-05 (the fortnights the every-other-Monday schedule fires on),
// named by their first day.

export interface BillingPeriod {
  period: string;
  start: Date;
  end: Date;
}

const DAY_MS = 24 * 60 * 60_000;
const FORTNIGHT_MS = 14 * DAY_MS;
const FIRST_MONDAY_MS = Date.UTC(1970, 0, 5);

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The period running at `at`. */
export function periodContaining(cadence: BillingCadence, at: Date): BillingPeriod {
  if (cadence === 'monthly') {
    const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
    const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
    return { period: isoDay(start).slice(0, 7), start, end };
  }
  const start = new Date(FIRST_MONDAY_MS + Math.floor((at.getTime() - FIRST_MONDAY_MS) / FORTNIGHT_MS) * FORTNIGHT_MS);
  return { period: isoDay(start), start, end: new Date(start.getTime() + FORTNIGHT_MS) };
}

/** The period a run at `runAt` bills: the one that ended at (or last before) that moment. */
export function periodEndedBy(cadence: BillingCadence, runAt: Date): BillingPeriod {
  return periodContaining(cadence, new Date(runAt.getTime() - 1));
}
