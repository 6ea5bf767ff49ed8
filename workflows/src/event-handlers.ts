import { expertPayoutEventHandlers } from './expert-payout/bridge-handlers.js';
import type { PayoutPolicy } from './expert-payout/policy.js';
import { hiringEventHandlers } from './hiring/bridge-handlers.js';
import type { HiringPolicy } from './hiring/policy.js';
import { leadToCustomerEventHandlers } from './lead-to-customer/bridge-handlers.js';
import type { LeadPolicy } from './lead-to-customer/policy.js';
import { joinEventHandlers, type BridgeContext, type EventHandlers } from './event-bridge.js';
import { monthlyBillingEventHandlers } from './monthly-billing/bridge-handlers.js';
import type { MeetingPolicy } from './project-meeting/policy.js';
import { projectMeetingEventHandlers } from './project-meeting/bridge-handlers.js';
import type { SupportPolicy } from './support-query/policy.js';
import { supportQueryEventHandlers } from './support-query/bridge-handlers.js';
import { weeklySprintEventHandlers } from './weekly-sprint/bridge-handlers.js';
import type { SprintPolicy } from './weekly-sprint/policy.js';

/** The policies the bridge reads from its configuration, one per process that has one. */
export interface ProcessPolicies {
  SUPPORT_POLICY: SupportPolicy;
  SPRINT_POLICY: SprintPolicy;
  MEETING_POLICY: MeetingPolicy;
  PAYOUT_POLICY: PayoutPolicy;
  HIRING_POLICY: HiringPolicy;
  LEAD_POLICY: LeadPolicy;
}

/** Which events start and signal which process. A new process is one line. */
export function allEventHandlers(ctx: BridgeContext, policies: ProcessPolicies): EventHandlers {
  return joinEventHandlers(
    supportQueryEventHandlers(ctx, policies.SUPPORT_POLICY),
    weeklySprintEventHandlers(ctx, policies.SPRINT_POLICY),
    projectMeetingEventHandlers(ctx, policies.MEETING_POLICY),
    expertPayoutEventHandlers(ctx, policies.PAYOUT_POLICY),
    monthlyBillingEventHandlers(ctx),
    hiringEventHandlers(ctx, policies.HIRING_POLICY),
    leadToCustomerEventHandlers(ctx, policies.LEAD_POLICY),
  );
}
