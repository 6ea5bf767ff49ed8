import { createExpertPayoutActivities, createPayoutCycleActivities } from './expert-payout/activities.js';
import { createHiringActivities } from './hiring/activities.js';
import { createLeadToCustomerActivities } from './lead-to-customer/activities.js';
import { createMonthlyBillingActivities } from './monthly-billing/activities.js';
import { createOutboxRetentionActivities } from './outbox-retention/activities.js';
import { createProjectMeetingActivities } from './project-meeting/activities.js';
import type { ActivityDeps } from './services.js';
import { mergeActivities } from './shared/merge-activities.js';
import { createSupportQueryActivities } from './support-query/activities.js';
import { createWeeklySprintActivities } from './weekly-sprint/activities.js';

/** Every process's activity factory, by process. A new process is one line. */
export const activityFactories = {
  supportQuery: createSupportQueryActivities,
  outboxRetention: createOutboxRetentionActivities,
  weeklySprint: createWeeklySprintActivities,
  projectMeeting: createProjectMeetingActivities,
  expertPayout: createExpertPayoutActivities,
  payoutCycle: createPayoutCycleActivities,
  monthlyBilling: createMonthlyBillingActivities,
  hiring: createHiringActivities,
  leadToCustomer: createLeadToCustomerActivities,
};

/** Every activity the worker offers; a name offered twice stops the worker at start. */
export function createActivities(deps: ActivityDeps) {
  return mergeActivities(Object.fromEntries(Object.entries(activityFactories).map(([process, create]) => [process, create(deps)])));
}
