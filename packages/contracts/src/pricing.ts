/**
 * The platform's margin on an expert's hourly rate, one rule for every way a project starts (a
 * hire from the marketplace, a customer its seller serves): the customer pays the expert's rate
 * plus this margin, and the expert always gets their own rate in full.
 */
export const platformMarginPercent = 30;

/** What the customer pays an hour for an expert's rate (before the region's minimum applies). */
export const customerRateWithMargin = (expertRateCents: number) => Math.round((expertRateCents * (100 + platformMarginPercent)) / 100);

/** The expert's own rate inside a customer's rate: the customer's rate without the margin. */
export const expertRateWithin = (customerRateCents: number) => Math.round((customerRateCents * 100) / (100 + platformMarginPercent));
