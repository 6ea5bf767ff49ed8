import { customerRateWithMargin, type JobBudget } from '@guild/contracts';

export type TalentRegion = 'eu_asia' | 'us_western_europe';

/**
 * The customer's hourly rate is never below the region's minimum ($50/h from EU and Asia,
 * $100/h from the US or Western Europe; non-negotiable), and covers the expert's own rate
 * (which the expert always gets in full) plus the platform's margin.
 */
export const regionMinimumCents: Record<TalentRegion, number> = { eu_asia: 5000, us_western_europe: 10000 };

export function customerRateCents(expertRateCents: number, region: TalentRegion): number {
  return Math.max(regionMinimumCents[region], customerRateWithMargin(expertRateCents));
}

/** The project's hourly budget for a job: an hourly cap as is; a fixed amount as hours at the expert's rate. */
export function budgetMinutes(budget: JobBudget, offer: { kind: 'hourly' | 'fixed'; priceCents: number | null }, expertRateCents: number): number {
  if (offer.kind === 'fixed' && offer.priceCents !== null) return Math.max(60, Math.round((offer.priceCents / expertRateCents) * 60));
  if (budget.kind === 'hourly') return budget.capMinutes;
  return Math.max(60, Math.round((budget.amountCents / expertRateCents) * 60));
}
