import { z } from 'zod';
import { defineEvent } from './define-event.js';

// Sales' facts: a lead's stages and the commissions it earns. Ids only, never the contact's address.

const stage = z.enum(['new', 'meeting_booked', 'offer_presented', 'draft_sent', 'won', 'lost']);

/** A lead was recorded: its process `lead-<leadId>` starts. */
export const leadCreated = defineEvent(
  'sales.lead.created',
  1,
  z.object({ leadId: z.uuid(), ownerId: z.string().min(1), referrerId: z.string().nullable(), source: z.enum(['expert', 'referral', 'inbound']), createdAt: z.iso.datetime() }),
);

/** A lead moved on: its process follows. `won` carries the customer once the draft was accepted. */
export const leadStageChanged = defineEvent(
  'sales.lead.stage_changed',
  1,
  z.object({ leadId: z.uuid(), stage, lostReason: z.string().nullable(), customerId: z.string().nullable(), at: z.iso.datetime() }),
);

/** The owner chose how a won customer is served: by them, or by the pool (hiring). */
export const leadHandlingChosen = defineEvent(
  'sales.lead.handling_chosen',
  1,
  z.object({ leadId: z.uuid(), handling: z.enum(['serve', 'pass_to_pool']), at: z.iso.datetime() }),
);

/** 25 % of an attributed customer's payment, pending until `availableAt` (the refund window). */
export const commissionEarned = defineEvent(
  'sales.commission.earned',
  1,
  z.object({ lineId: z.uuid(), expertId: z.string().min(1), customerId: z.string().min(1), amountCents: z.number().int().positive(), invoiceId: z.uuid(), availableAt: z.iso.datetime() }),
);
