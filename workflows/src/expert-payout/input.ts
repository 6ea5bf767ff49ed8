import type { PayoutPolicy } from './policy.js';

export interface PayoutInput {
  requestId: string;
  expertId: string;
  amountCents: number;
  accountKind: 'stripe_connect' | 'bank_transfer';
  /** When the expert asked: the 24 h deadline runs from here, not from the workflow's start. */
  requestedAt: string;
  policy: PayoutPolicy;
}

export type PayoutOutcome =
  | { outcome: 'paid'; by: 'stripe' | 'ops' }
  | { outcome: 'refused' | 'failed' | 'released'; reason: string };

export const payoutWorkflowId = (requestId: string) => `payout-${requestId}`;
