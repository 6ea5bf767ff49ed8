import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { BusinessCalendar } from '../shared/business-hours.js';
import type { ClockKind } from './clocks.js';
import type { ReplyKind, SupportStage } from './state.js';

/** An expert's reply as the workflow records it: ids, kind and times, never the answer text. */
export interface SupportReply {
  replyId: string;
  expertId: string;
  kind: ReplyKind;
  repliedAt: string;
  etaAt: string | null;
}

export interface CustomerMessage {
  messageId: string;
  receivedAt: string;
}

export interface QueryResolved {
  resolvedAt: string;
  by: string;
}

export interface ResolutionProposed {
  proposedAt: string;
  by: string;
}

export interface CommunityAnswered {
  questionId: string;
  answeredAt: string;
}

/** Ops changed the customer's support terms: reply clocks count in this calendar from `changedAt` (null: round the clock). */
export interface SupportTermsChanged {
  calendar: BusinessCalendar | null;
  changedAt: string;
}

export interface SupportQueryStatus {
  queryId: string;
  stage: SupportStage;
  replyDueAt: string | null;
  breached: boolean;
  nextClock: { kind: ClockKind; at: string } | null;
  firstReplyAt: string | null;
}

export const supportReplySignal = defineSignal<[SupportReply]>('supportReply');
export const customerMessageSignal = defineSignal<[CustomerMessage]>('customerMessage');
export const queryResolvedSignal = defineSignal<[QueryResolved]>('queryResolved');
export const resolutionProposedSignal = defineSignal<[ResolutionProposed]>('resolutionProposed');
export const communityAnsweredSignal = defineSignal<[CommunityAnswered]>('communityAnswered');
export const supportTermsChangedSignal = defineSignal<[SupportTermsChanged]>('supportTermsChanged');
export const supportQueryStatusQuery = defineQuery<SupportQueryStatus>('status');
