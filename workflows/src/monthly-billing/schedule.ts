import type { ScheduleOptions } from '@temporalio/client';
import type { BillingPolicy } from './policy.js';
import { billingCycle, billingReconciliation } from './workflow.js';

/**
 * Monthly customers are billed at 00:00 UTC on the 1st; biweekly ones every other Monday at 00:00
 * UTC (every 14 days from Monday 1970-01-05, the fortnights billing's periods count). A missed
 * fire is caught up within a day; a duplicate finds its `billing-run-<period>` already there.
 */
export function billingSchedules(taskQueue: string, policy: BillingPolicy): ScheduleOptions[] {
  const cycle = (cadence: 'monthly' | 'biweekly', summary: string) => ({
    type: 'startWorkflow' as const,
    workflowType: billingCycle,
    workflowId: `billing-cycle-${cadence}`,
    taskQueue,
    args: [{ cadence, policy }],
    staticSummary: summary,
  });
  return [
    {
      scheduleId: 'billing-monthly',
      spec: { calendars: [{ dayOfMonth: 1, hour: 0, minute: 0 }] },
      action: cycle('monthly', 'Monthly billing: invoice the overage of the month that ended'),
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
    },
    {
      scheduleId: 'billing-biweekly',
      spec: { intervals: [{ every: '14 days', offset: '4 days' }] },
      action: cycle('biweekly', 'Biweekly billing: invoice the overage of the two weeks that ended'),
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
    },
    {
      scheduleId: 'billing-reconciliation',
      spec: { calendars: [{ hour: 6, minute: 0 }] },
      action: {
        type: 'startWorkflow',
        workflowType: billingReconciliation,
        workflowId: 'billing-reconciliation',
        taskQueue,
        args: [],
        staticSummary: "Daily: compare the ledger's invoices and payments with Stripe's",
      },
      policies: { overlap: 'SKIP', catchupWindow: '1 day' },
    },
  ];
}
