import { defineQuery, defineSignal } from '@temporalio/workflow';

/** The payouts service settled the request (ops paid the bank transfer, or resolved a review). */
export interface PayoutSettled {
  outcome: 'paid' | 'failed' | 'refused' | 'released';
}

export interface PayoutStatus {
  requestId: string;
  stage: 'checking' | 'transferring' | 'waiting_for_ops' | 'settled';
  dueAt: string;
  warned: boolean;
  breached: boolean;
}

export const payoutSettledSignal = defineSignal<[PayoutSettled]>('payoutSettled');
export const payoutStatusQuery = defineQuery<PayoutStatus>('payoutStatus');
