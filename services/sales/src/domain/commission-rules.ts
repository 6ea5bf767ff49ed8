// The commission's arithmetic, kept pure: 25 % of every payment of an attributed customer, and a
// refund takes back its share — never more than the commission it points to.

export const COMMISSION_PERCENT = 25;

export const commissionOn = (paymentCents: number) => Math.round((paymentCents * COMMISSION_PERCENT) / 100);

/**
 * The clawback for one refund: its 25 % share, capped at what is left of the original commission;
 * the refund that completes a full refund takes back exactly the rest (no rounding cent left over).
 */
export function clawbackFor(refund: { amountCents: number; refundedTotalCents: number; paymentCents: number }, commissionLeftCents: number): number {
  if (commissionLeftCents <= 0) return 0;
  if (refund.refundedTotalCents >= refund.paymentCents) return commissionLeftCents;
  return Math.min(commissionLeftCents, commissionOn(refund.amountCents));
}

interface Line {
  id: string;
  amountCents: number;
  originalId: string | null;
  availableAt: Date | null;
}

/**
 * An expert's commissions at `now`: pending (commissions still in the refund window, net of their
 * clawbacks) and matured (past the window, net of every clawback of them). What may be handed to
 * the payout balance is matured minus what was handed over already; below zero it carries forward.
 */
export function commissionSums(lines: Line[], releasedCents: number, now: Date) {
  const matured = new Set(lines.filter((l) => l.originalId === null && l.availableAt !== null && l.availableAt <= now).map((l) => l.id));
  let maturedCents = 0;
  let pendingCents = 0;
  for (const line of lines) {
    const of = line.originalId ?? line.id;
    if (matured.has(of)) maturedCents += line.amountCents;
    else pendingCents += line.amountCents;
  }
  return { pendingCents, releasableCents: maturedCents - releasedCents };
}
