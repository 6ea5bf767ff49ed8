import type { ScheduleOptions } from '@temporalio/client';
import { payoutCycleSchedule } from '../expert-payout/schedule.js';
import { billingPolicySchema } from '../monthly-billing/policy.js';
import { billingSchedules } from '../monthly-billing/schedule.js';
import { outboxRetentionSchedule } from '../outbox-retention/schedule.js';

/** Every Temporal schedule the system runs. Billing and payout cycles join this list. */
export function allSchedules(taskQueue: string): ScheduleOptions[] {
  return [outboxRetentionSchedule(taskQueue), payoutCycleSchedule(taskQueue), ...billingSchedules(taskQueue, billingPolicySchema.parse({}))];
}
