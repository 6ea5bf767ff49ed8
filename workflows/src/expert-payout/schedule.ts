import type { ScheduleOptions } from '@temporalio/client';
import { searchAttributes } from '../search-attributes.js';
import { payoutCycle } from './cycle-workflow.js';

export const PAYOUT_CYCLE_PROCESS = 'payout-cycle';

const DAY_MS = 24 * 60 * 60_000;
// Intervals count from the Unix epoch, a Thursday: 4 days and 6 hours later is Monday 06:00 UTC.
const MONDAY_06_UTC_OFFSET_MS = 4 * DAY_MS + 6 * 60 * 60_000;

/**
 * Every other Monday at 06:00 UTC. Temporal names each run `payout-cycle-<fire time>`; the
 * workflow takes its cycle day from its start, so each fortnight is credited by its own run.
 */
export function payoutCycleSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: 'payout-cycle',
    spec: { intervals: [{ every: 14 * DAY_MS, offset: MONDAY_06_UTC_OFFSET_MS }] },
    action: {
      type: 'startWorkflow',
      workflowType: payoutCycle,
      workflowId: 'payout-cycle',
      taskQueue,
      args: [{}],
      staticSummary: "Every other Monday: credit each expert's approved hours and mail the statements",
      typedSearchAttributes: [{ key: searchAttributes.Process, value: PAYOUT_CYCLE_PROCESS }],
    },
    // A missed fortnight (the cluster down on Monday) still runs when it is back, within a week.
    policies: { overlap: 'SKIP', catchupWindow: '7 days' },
  };
}
