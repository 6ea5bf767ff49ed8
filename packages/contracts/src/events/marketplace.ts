import { z } from 'zod';
import { defineEvent } from './define-event.js';

// The hiring process's events: ids and times only. Offer texts, prices and people's details stay
// in the marketplace service.

/** A customer posted a job: starts `hiring-<jobId>`, whose 24 h clock runs from `postedAt`. */
export const jobPosted = defineEvent(
  'marketplace.job.posted',
  1,
  z.object({ jobId: z.uuid(), customerId: z.string().min(1), postedAt: z.iso.datetime() }),
);

const offerRef = z.object({ offerId: z.uuid(), jobId: z.uuid(), expertId: z.string().min(1) });

/** An expert sent an offer for a job (invited or not). */
export const offerSubmitted = defineEvent('marketplace.offer.submitted', 1, offerRef.extend({ submittedAt: z.iso.datetime() }));

/** An expert withdrew an open offer: it can no longer be selected. */
export const offerWithdrawn = defineEvent('marketplace.offer.withdrawn', 1, offerRef.extend({ withdrawnAt: z.iso.datetime() }));

/** The customer chose an offer (the first choice stands): the contract step follows. */
export const offerSelected = defineEvent(
  'marketplace.offer.selected',
  1,
  offerRef.extend({ customerId: z.string().min(1), selectedAt: z.iso.datetime() }),
);

/** An onboarding item of a hired job was done (scope or budget agreed, guidelines acknowledged). */
export const onboardingUpdated = defineEvent(
  'marketplace.onboarding.updated',
  1,
  z.object({ jobId: z.uuid(), item: z.enum(['scope_agreed', 'budget_agreed', 'guidelines_acknowledged']), at: z.iso.datetime() }),
);

/** The job's project launched: its time to launch is measured from the posting. */
export const hiringLaunched = defineEvent(
  'marketplace.hiring.launched',
  1,
  z.object({
    jobId: z.uuid(),
    projectId: z.uuid(),
    customerId: z.string().min(1),
    expertId: z.string().min(1),
    launchedAt: z.iso.datetime(),
    minutesToLaunch: z.number().int().nonnegative(),
  }),
);

/** The job was not launched within the promise (24 h from posting). */
export const hiringBreached = defineEvent(
  'marketplace.hiring.breached',
  1,
  z.object({ jobId: z.uuid(), customerId: z.string().min(1), postedAt: z.iso.datetime(), breachedAt: z.iso.datetime() }),
);
