import type { DueClock } from './clocks.js';
import { startReplyClock } from './clocks.js';
import type { SupportPolicy } from './policy.js';
import type { ReplyKind, SupportQueryState, SupportStage } from './state.js';

// How the query's state moves. Pure functions over plain data: the workflow applies them to
// signals and fired clocks, and the tests check them without a server.

const stageAfterReply: Record<ReplyKind, SupportStage> = {
  answer: 'answered',
  action: 'answered',
  checking: 'community',
  research: 'research',
  needs_info: 'awaiting_customer',
};

export function initialState(submittedAt: number, policy: SupportPolicy, calendar: SupportQueryState['calendar']): SupportQueryState {
  return {
    stage: 'awaiting_reply',
    replyClock: startReplyClock('first_reply', submittedAt, policy, calendar),
    stageSince: submittedAt,
    lastResearchUpdateAt: null,
    needsInfoReminded: false,
    etaAt: null,
    etaAlerted: false,
    everBreached: false,
    calendar,
  };
}

/** An expert replied: the reply clock stops and the reply's kind decides what runs next. */
export function afterReply(state: SupportQueryState, reply: { kind: ReplyKind; at: number; etaAt: number | null }): SupportQueryState {
  if (isFinished(state)) return state;
  const stage = stageAfterReply[reply.kind];
  return {
    ...state,
    stage,
    replyClock: null,
    stageSince: stage === state.stage ? state.stageSince : reply.at,
    lastResearchUpdateAt: stage === 'research' ? state.lastResearchUpdateAt : null,
    needsInfoReminded: stage === 'awaiting_customer' ? false : state.needsInfoReminded,
    etaAt: reply.etaAt ?? state.etaAt,
    etaAlerted: reply.etaAt !== null && reply.etaAt !== state.etaAt ? false : state.etaAlerted,
  };
}

/**
 * The customer wrote again: they are owed a next reply. A needs-info pause ends here too — the
 * clock resumes when the customer answers. A clock already running keeps its earlier deadline.
 */
export function afterCustomerMessage(state: SupportQueryState, at: number, policy: SupportPolicy): SupportQueryState {
  if (isFinished(state) || state.replyClock) return state;
  return {
    ...state,
    stage: 'awaiting_reply',
    stageSince: at,
    replyClock: startReplyClock('next_reply', at, policy, state.calendar),
  };
}

export function afterResolved(state: SupportQueryState): SupportQueryState {
  return isFinished(state) ? state : { ...state, stage: 'resolved', replyClock: null };
}

/** A clock fired; its effect (emails, marks) is the workflow's job, this records that it happened. */
export function afterClockFired(state: SupportQueryState, clock: DueClock): SupportQueryState {
  switch (clock.kind) {
    case 'pre_breach_warning':
      return { ...state, replyClock: state.replyClock && { ...state.replyClock, warned: true } };
    case 'reply_breach':
      return { ...state, everBreached: true, replyClock: state.replyClock && { ...state.replyClock, warned: true, breached: true } };
    case 'community_timeout':
      return { ...state, stage: 'research', stageSince: clock.at, lastResearchUpdateAt: clock.at };
    case 'research_update':
      return { ...state, lastResearchUpdateAt: clock.at };
    case 'needs_info_reminder':
      return { ...state, needsInfoReminded: true };
    case 'needs_info_close':
    case 'quiet_close':
      return { ...state, stage: 'closed', replyClock: null };
    case 'eta_overdue':
      return { ...state, etaAlerted: true };
  }
}

export function isFinished(state: SupportQueryState): boolean {
  return state.stage === 'resolved' || state.stage === 'closed';
}
