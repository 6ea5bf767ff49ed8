const DAY_MS = 24 * 60 * 60_000;

/** A cycle closes on the day its schedule fires (a Monday, UTC) and covers the two weeks before. Pure. */
export function cyclePeriod(firedAt: Date, periodDays = 14): { cycle: string; periodStart: string } {
  const cycle = firedAt.toISOString().slice(0, 10);
  const periodStart = new Date(Date.parse(`${cycle}T00:00:00Z`) - periodDays * DAY_MS).toISOString().slice(0, 10);
  return { cycle, periodStart };
}
