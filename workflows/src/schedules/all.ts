import type { ScheduleOptions } from '@temporalio/client';
import { payoutCycleSchedule } from '../expert-payout/schedule.js';
import { billingPolicySchema, type BillingPolicy } from '../monthly-billing/policy.js';
import { billingSchedules } from '../monthly-billing/schedule.js';
import { outboxRetentionSchedule } from '../outbox-retention/schedule.js';

/** The policies scheduled workflows start with (`BILLING_POLICY`); unset, the defaults. */
export interface SchedulePolicies {
  billing: BillingPolicy;
}

/** Every Temporal schedule the system runs. Billing and payout cycles join this list. */
export function allSchedules(taskQueue: string, policies: SchedulePolicies = { billing: billingPolicySchema.parse({}) }): ScheduleOptions[] {
  return [outboxRetentionSchedule(taskQueue), payoutCycleSchedule(taskQueue), ...billingSchedules(taskQueue, policies.billing)];
}
