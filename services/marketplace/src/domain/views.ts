import type { JobBudget } from '@guild/contracts';
import type { Principal } from '@guild/platform';
import type { ExpertProfile, Job, Offer } from '@guild/db';
import { usd } from '../mail/templates.js';

export const skillsOf = (profile: ExpertProfile) => profile.skills as { name: string; level: number }[];
export const budgetOf = (job: Job) => job.budget as JobBudget;
export const npsAverageOf = (p: ExpertProfile) => (p.npsAnswers ? Math.round((p.npsScoreSum / p.npsAnswers) * 10) / 10 : null);

export function budgetText(budget: JobBudget): string {
  return budget.kind === 'hourly' ? `up to ${usd(budget.maxRateCents)}/h, at most ${Math.round(budget.capMinutes / 60)} h` : `${usd(budget.amountCents)} fixed`;
}

export function toProfileView(p: ExpertProfile, medianResponseMinutes: number | null) {
  return {
    expertId: p.expertId,
    headline: p.headline,
    skills: skillsOf(p),
    technologies: p.technologies,
    talentRegion: p.talentRegion as 'eu_asia' | 'us_western_europe',
    hourlyRateCents: p.hourlyRateCents,
    weeklyHours: p.weeklyHours,
    listingStatus: p.listingStatus,
    quality: { npsAverage: npsAverageOf(p), npsAnswers: p.npsAnswers, approvedEntries: p.approvedEntries, approvedMinutes: p.approvedMinutes },
    medianResponseMinutes,
  };
}

/**
 * A job as its viewer may see it. Experts browsing the board compete for the work, not for the
 * customer: the company's id is shown to the customer, ops and services only.
 */
export function toJobView(job: Job, viewer: Pick<Principal, 'role'>) {
  return {
    id: job.id,
    customerId: viewer.role === 'expert' ? null : job.customerId,
    title: job.title,
    description: job.description,
    tasks: job.tasks,
    skills: job.skills,
    budget: budgetOf(job),
    talentRegion: job.talentRegion as 'eu_asia' | 'us_western_europe' | null,
    desiredStart: job.desiredStart.toISOString().slice(0, 10),
    timeZone: job.timeZone,
    status: job.status,
    postedAt: job.postedAt.toISOString(),
    selectedOfferId: job.selectedOfferId,
    projectId: job.projectId,
    onboarding: { scopeAgreed: !!job.scopeAgreedAt, budgetAgreed: !!job.budgetAgreedAt, guidelinesAcknowledged: !!job.guidelinesAcknowledgedAt },
    launchedAt: job.launchedAt?.toISOString() ?? null,
    slaBreachedAt: job.slaBreachedAt?.toISOString() ?? null,
  };
}

export function toOfferView(o: Offer) {
  return {
    id: o.id,
    jobId: o.jobId,
    expertId: o.expertId,
    kind: o.kind as 'hourly' | 'fixed',
    rateCents: o.rateCents,
    priceCents: o.priceCents,
    isEstimate: o.isEstimate,
    scope: o.scope,
    schedule: o.schedule,
    notes: o.notes,
    status: o.status,
    submittedAt: o.submittedAt.toISOString(),
    seenByCustomer: o.seenByCustomerAt !== null,
  };
}

/** What the offer asks, for mails: an hourly rate or a fixed price. */
export const offerPrice = (o: Offer) => ({ kind: o.kind as 'hourly' | 'fixed', amountCents: (o.kind === 'hourly' ? o.rateCents : o.priceCents) ?? 0, isEstimate: o.isEstimate });
