import { expertPayoutEventHandlers } from './expert-payout/bridge-handlers.js';
import type { PayoutPolicy } from './expert-payout/policy.js';
import { hiringEventHandlers } from './hiring/bridge-handlers.js';
import type { HiringPolicy } from './hiring/policy.js';
import { leadToCustomerEventHandlers } from './lead-to-customer/bridge-handlers.js';
import type { LeadPolicy } from './lead-to-customer/policy.js';
import { joinProcessRoutes, type BridgeContext, type BridgeRoutes } from './event-bridge.js';
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

/**
 * Which events start and signal which process, and the payload field naming each event's workflow
 * (the one its workflow id is built from). A new process is one line.
 */
export function allEventRoutes(ctx: BridgeContext, policies: ProcessPolicies): BridgeRoutes {
  return joinProcessRoutes(
    { handlers: supportQueryEventHandlers(ctx, policies.SUPPORT_POLICY), workflowKeys: ['queryId'] },
    { handlers: weeklySprintEventHandlers(ctx, policies.SPRINT_POLICY), workflowKeys: ['projectId'] },
    { handlers: projectMeetingEventHandlers(ctx, policies.MEETING_POLICY), workflowKeys: ['meetingId'] },
    { handlers: expertPayoutEventHandlers(ctx, policies.PAYOUT_POLICY), workflowKeys: ['requestId'] },
    // A customer's period process: one customer's billing facts stay in order.
    { handlers: monthlyBillingEventHandlers(ctx), workflowKeys: ['customerId'] },
    { handlers: hiringEventHandlers(ctx, policies.HIRING_POLICY), workflowKeys: ['jobId'] },
    // A lead's own events name it; a commission's release is a workflow per commission line.
    { handlers: leadToCustomerEventHandlers(ctx, policies.LEAD_POLICY), workflowKeys: ['leadId', 'lineId'] },
  );
}
