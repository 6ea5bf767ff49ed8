import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

/** An offer as the process knows it: ids and the match score only (prices and texts stay in the marketplace). */
export interface KnownOffer {
  offerId: string;
  expertId: string;
  status: 'open' | 'withdrawn' | 'selected';
  receivedAt: string;
}

export interface Recommendation {
  jobId: string;
  stage: 'inviting' | 'choosing' | 'contracting' | 'onboarding' | 'launched';
  waves: number;
  /** Open offers, in the order they arrived (the marketplace ranks them by match: GET /jobs/:id/offers). */
  offers: KnownOffer[];
  selectedOfferId: string | null;
  projectId: string | null;
  missing: string[];
  breached: boolean;
}

export const offerSubmittedSignal = defineSignal<[{ offerId: string; expertId: string; submittedAt: string }]>('offerSubmitted');
export const offerWithdrawnSignal = defineSignal<[{ offerId: string }]>('offerWithdrawn');
/** An onboarding item changed in the marketplace: read the checklist again now. */
export const onboardingChangedSignal = defineSignal('onboardingChanged');
/** The customer's choice; the validator refuses a withdrawn offer or a second, different choice. */
export const selectOfferUpdate = defineUpdate<{ offerId: string }, [{ offerId: string; expertId: string }]>('selectOffer');
export const recommendationQuery = defineQuery<Recommendation>('recommendation');
