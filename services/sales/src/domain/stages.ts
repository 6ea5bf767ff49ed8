import type { SalesLeadStage } from '@guild/db';
import { wrongStage } from './sales-errors.js';

/**
 * Which stages each step of the sale may start from: a meeting can be moved, an offer revised and
 * a draft sent again until the lead is won or lost.
 */
const allowedFrom = {
  'book the meeting': ['new', 'meeting_booked'],
  'present the offer': ['meeting_booked', 'offer_presented'],
  'send the draft': ['offer_presented', 'draft_sent'],
  'be won': ['draft_sent'],
  'be lost': ['new', 'meeting_booked', 'offer_presented', 'draft_sent'],
} as const satisfies Record<string, readonly SalesLeadStage[]>;

export type SalesStep = keyof typeof allowedFrom;

export function assertStepAllowed(step: SalesStep, stage: SalesLeadStage): void {
  if (!(allowedFrom[step] as readonly SalesLeadStage[]).includes(stage)) throw wrongStage(step, stage);
}

export const isOpen = (stage: SalesLeadStage) => stage !== 'won' && stage !== 'lost';
