import type { BillingCadence } from '@guild/contracts';
import type { BillingRunProgress } from './messages.js';
import type { BillingPolicy } from './policy.js';

export const MONTHLY_BILLING_PROCESS = 'monthly-billing';

export const billingRunWorkflowId = (period: string) => `billing-run-${period}`;
export const customerBillingWorkflowId = (customerId: string, period: string) => `billing-${customerId}-${period}`;

export interface BillingCycleInput {
  cadence: BillingCadence;
  policy: BillingPolicy;
  /** Bill the period that ended by this time instead of the scheduled one (a manual re-run, a test). */
  endedBy?: string;
}

export interface PeriodBilled {
  cadence: BillingCadence;
  period: string;
  periodStart: string;
  periodEnd: string;
}

export interface BillingRunInput extends PeriodBilled {
  customerIds: string[];
  policy: BillingPolicy;
  /** What an earlier run of this period did before it continued as new. */
  carried?: { progress: BillingRunProgress; next: number };
}

export interface CustomerBillingInput extends PeriodBilled {
  customerId: string;
  policy: BillingPolicy;
  /** The run to tell when the customer is billed. */
  runWorkflowId: string;
}
