// Billing arithmetic, in integer cents: pure, so the rules read and test as a specification.

/** Approved minutes at an hourly rate, rounded half up to the cent once per time entry. */
export function drawnCents(minutes: number, rateCents: number): number {
  return Math.floor((minutes * rateCents + 30) / 60);
}

/** What a period invoices: the part of the work the balance no longer covers (never negative). */
export function overageCents(balanceCents: number): number {
  return balanceCents < 0 ? -balanceCents : 0;
}

/** An overage above the customer's threshold waits as a draft for ops. */
export function needsOpsApproval(overage: number, thresholdCents: number): boolean {
  return overage > thresholdCents;
}

/** "$200.00": how mails, summaries and logs write an amount. */
export function dollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
