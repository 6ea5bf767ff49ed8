import { log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { serviceCall } from '../shared/activity-presets.js';
import type { createPayoutCycleActivities } from './activities.js';
import { cyclePeriod } from './cycle-period.js';

type Activities = ReturnType<typeof createPayoutCycleActivities>;
const act = (summary: string) => proxyActivities<Activities>({ ...serviceCall, summary });

export interface PayoutCycleInput {
  /** The day the cycle closes (a Monday); the schedule leaves it out and the start time decides. Ops re-run a cycle by naming it. */
  cycle?: string;
}

export interface PayoutCycleOutcome {
  cycle: string;
  experts: number;
  creditedEntries: number;
  creditedCents: number;
}

/**
 * Every other Monday: each expert's approved, not yet credited work goes to their safe balance
 * (one entry per time entry, so a re-run or a crash mid-way credits nothing twice), then each
 * expert gets a statement of what the cycle credited.
 */
export async function payoutCycle(input: PayoutCycleInput = {}): Promise<PayoutCycleOutcome> {
  const { cycle, periodStart } = input.cycle ? cyclePeriod(new Date(`${input.cycle}T00:00:00Z`)) : cyclePeriod(workflowInfo().startTime);
  const expertIds = await act(`find the experts with approved work before ${cycle}`).expertsOfPayoutCycle(cycle);
  let creditedEntries = 0;
  let creditedCents = 0;
  for (const expertId of expertIds) {
    const credited = await act(`credit the approved work of expert ${expertId}`).creditPayoutCycleWork(cycle, expertId);
    creditedEntries += credited.creditedEntries;
    creditedCents += credited.creditedCents;
    await act(`mail expert ${expertId} the statement of ${periodStart} to ${cycle}`).mailPayoutStatement(cycle, periodStart, expertId);
  }
  log.info('payout cycle credited', { cycle, experts: expertIds.length, creditedEntries, creditedCents });
  return { cycle, experts: expertIds.length, creditedEntries, creditedCents };
}
