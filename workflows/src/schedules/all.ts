import type { ScheduleOptions } from '@temporalio/client';
import { payoutCycleSchedule } from '../expert-payout/cycle-schedule.js';
import { outboxRetentionSchedule } from '../outbox-retention/schedule.js';

/** Every Temporal schedule the system runs. Billing and payout cycles join this list. */
export function allSchedules(taskQueue: string): ScheduleOptions[] {
  return [outboxRetentionSchedule(taskQueue), payoutCycleSchedule(taskQueue)];
}
