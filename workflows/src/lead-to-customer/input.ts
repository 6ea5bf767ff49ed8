import type { LeadPolicy } from './policy.js';

export const leadWorkflowId = (leadId: string) => `lead-${leadId}`;
export const commissionWorkflowId = (lineId: string) => `commission-${lineId}`;

export interface LeadInput {
  leadId: string;
  ownerId: string;
  policy: LeadPolicy;
}

export interface CommissionInput {
  lineId: string;
  expertId: string;
  /** When the refund window ends (ISO). */
  availableAt: string;
}

export type LeadStage = 'new' | 'meeting_booked' | 'offer_presented' | 'draft_sent' | 'won' | 'lost';
export type LeadHandling = 'serve' | 'pass_to_pool';
