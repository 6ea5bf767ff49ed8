import { customerReinstated, customerSuspended, overageApproved, paymentFailed, paymentReceived, paymentRefunded } from './billing.js';
import { commissionEarned, leadCreated, leadHandlingChosen, leadStageChanged } from './sales.js';
import { companyCreated, expertRegistered, memberJoined } from './identity.js';
import {
  meetingBooked,
  meetingConfirmed,
  meetingRescheduled,
  meetingSummarized,
  npsAnswered,
  projectActivated,
  projectCreated,
  projectEnded,
  projectPaused,
  projectResumed,
  summaryCallRequested,
  taskCreated,
  timeEntryApproved,
  timeEntryDisputed,
} from './projects.js';
import {
  communityAnswered,
  queryBreached,
  queryClosed,
  queryFollowedUp,
  queryReplied,
  queryResolutionProposed,
  queryResolved,
  querySubmitted,
  queryTermsChanged,
  queryTimeLogged,
  taskRequested,
} from './support.js';
import { payoutRequested, payoutSettled } from './payouts.js';
import { credentialHandedOver, credentialRevoked } from './vault.js';
import { hiringBreached, hiringLaunched, jobPosted, offerSelected, offerSubmitted, offerWithdrawn, onboardingUpdated } from './marketplace.js';

export * from './define-event.js';
export * from './support.js';
export * from './identity.js';
export * from './projects.js';
export * from './payouts.js';
export * from './billing.js';
export * from './vault.js';
export * from './marketplace.js';
export * from './sales.js';

/** Every event the system publishes; streams and docs are derived from this list. */
export const allEvents = [
  querySubmitted,
  queryReplied,
  queryFollowedUp,
  queryBreached,
  queryResolved,
  queryClosed,
  queryResolutionProposed,
  queryTermsChanged,
  communityAnswered,
  taskRequested,
  queryTimeLogged,
  taskCreated,
  projectCreated,
  projectActivated,
  projectPaused,
  projectResumed,
  projectEnded,
  timeEntryApproved,
  timeEntryDisputed,
  meetingBooked,
  meetingConfirmed,
  meetingRescheduled,
  meetingSummarized,
  summaryCallRequested,
  npsAnswered,
  companyCreated,
  memberJoined,
  expertRegistered,
  paymentReceived,
  paymentFailed,
  overageApproved,
  customerSuspended,
  customerReinstated,
  payoutRequested,
  payoutSettled,
  credentialHandedOver,
  credentialRevoked,
  jobPosted,
  offerSubmitted,
  offerWithdrawn,
  offerSelected,
  onboardingUpdated,
  hiringLaunched,
  hiringBreached,
  paymentRefunded,
  leadCreated,
  leadStageChanged,
  leadHandlingChosen,
  commissionEarned,
] as const;

/** The first word of each subject: one per owning service. */
export const eventDomains = [...new Set(allEvents.map((e) => e.subject.split('.')[0]!))];
