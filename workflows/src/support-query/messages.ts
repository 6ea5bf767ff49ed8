import { defineQuery, defineSignal } from '@temporalio/workflow';
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
export const supportQueryStatusQuery = defineQuery<SupportQueryStatus>('status');
