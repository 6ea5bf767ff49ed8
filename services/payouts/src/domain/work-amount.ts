/**
 * What an approved time entry earns the expert: minutes × their hourly rate, rounded once per
 * entry to the nearest cent, halves up (90 min at $61.11/h = 9166.5 → 9167 cents). Rounding per
 * entry keeps every credit traceable to one entry; integers throughout, no floating cents stored.
 */
export function workAmountCents(minutes: number, expertRateCents: number): number {
  return Math.floor((minutes * expertRateCents * 2 + 60) / 120);
}
