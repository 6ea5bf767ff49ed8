import { defineQuery, defineSignal } from '@temporalio/workflow';

/** Stripe confirmed the period invoice is paid (billing.payment.received, through the bridge). */
export const invoicePaidSignal = defineSignal<[{ invoiceId: string; paidAt: string }]>('invoicePaid');
/** Stripe could not collect it (billing.payment.failed): dunning starts. */
export const paymentFailedSignal = defineSignal<[{ invoiceId: string; failedAt: string }]>('paymentFailed');
/** Ops approved an overage above the customer's threshold (billing.overage.approved). */
export const overageApprovedSignal = defineSignal<[{ invoiceId: string }]>('overageApproved');

/** A customer's process tells its run the customer is billed (invoice sent, or a statement with nothing owed). */
export interface CustomerBilled {
  customerId: string;
  invoicedCents: number;
  outcome: 'invoiced' | 'nothing_owed' | 'failed';
}
export const customerBilledSignal = defineSignal<[CustomerBilled]>('customerBilled');

export interface BillingRunProgress {
  period: string;
  total: number;
  done: number;
  invoiced: number;
  invoicedCents: number;
  nothingOwed: number;
  failed: string[];
}
/** The run's progress, for ops and the UI: customers done / total and the amounts invoiced. */
export const billingRunProgressQuery = defineQuery<BillingRunProgress>('billingRunProgress');

export type CustomerBillingStage = 'closing' | 'awaiting_approval' | 'invoicing' | 'awaiting_payment' | 'dunning' | 'projects_paused' | 'paid' | 'nothing_owed';
export const customerBillingStageQuery = defineQuery<CustomerBillingStage>('customerBillingStage');
