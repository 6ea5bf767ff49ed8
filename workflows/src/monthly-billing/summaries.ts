// What ops read on the timeline: amounts as dollars ("invoice $200.00 overage for 2026-11").

export function dollars(cents: number): string {
  return `$${Math.floor(cents / 100).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`;
}

export const summaries = {
  close: (period: string) => `close ${period}: draws approved in the period and the overage`,
  draft: (cents: number, period: string) => `draft Stripe invoice ${dollars(cents)} overage for ${period}`,
  issue: (cents: number, period: string) => `invoice ${dollars(cents)} overage for ${period}`,
  statement: (period: string) => `mail the ${period} statement`,
  approval: (cents: number, period: string) => `wait for ops to approve the ${dollars(cents)} overage for ${period}`,
  payment: (cents: number, period: string) => `wait for payment of ${dollars(cents)} for ${period}`,
  reminder: (n: number, after: string) => `payment reminder ${n} (${after} after the failed payment)`,
  pause: (after: string) => `pause the projects if still unpaid ${after} after the failed payment`,
};
