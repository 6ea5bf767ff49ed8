import type { DueClock } from './clocks.js';
import { recountReplyClock, startReplyClock } from './clocks.js';
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

/**
 * An expert replied: the reply clock stops and the reply's kind decides what runs next. The ETA
 * is the time the owed work is due: a reply may move it, and an answer delivers the work, which
 * ends it (an action reply leaves a task owed, so its ETA runs on). A research reply is the
 * research's finding of the day: it counts as the update the customer is owed.
 */
export function afterReply(state: SupportQueryState, reply: { kind: ReplyKind; at: number; etaAt: number | null }): SupportQueryState {
  if (isFinished(state)) return state;
  const stage = stageAfterReply[reply.kind];
  const etaAt = reply.kind === 'answer' ? null : (reply.etaAt ?? state.etaAt);
  return {
    ...state,
    stage,
    replyClock: null,
    stageSince: stage === state.stage ? state.stageSince : reply.at,
    lastResearchUpdateAt: stage === 'research' ? (state.stage === 'research' ? reply.at : state.lastResearchUpdateAt) : null,
    needsInfoReminded: stage === 'awaiting_customer' ? false : state.needsInfoReminded,
    etaAt,
    etaAlerted: etaAt !== state.etaAt ? false : state.etaAlerted,
  };
}

/** Stages whose own clocks keep running when the customer writes: the work goes on meanwhile. */
const workGoesOn: ReadonlySet<SupportStage> = new Set(['community', 'research']);

/**
 * The customer wrote again: they are owed a next reply. A needs-info pause ends here; a community
 * check or research keeps its stage and clocks; a proposed resolution is not agreed; a resolved or
 * closed query (the workflow asks only inside the reopen window) reopens. A clock already running
 * keeps its earlier deadline.
 */
export function afterCustomerMessage(state: SupportQueryState, at: number, policy: SupportPolicy): SupportQueryState {
  if (isFinished(state)) return reopened(state, at, policy);
  if (state.replyClock) return state;
  const replyClock = startReplyClock('next_reply', at, policy, state.calendar);
  if (workGoesOn.has(state.stage)) return { ...state, replyClock };
  return { ...state, stage: 'awaiting_reply', stageSince: at, replyClock };
}

function reopened(state: SupportQueryState, at: number, policy: SupportPolicy): SupportQueryState {
  return {
    ...state,
    stage: 'awaiting_reply',
    stageSince: at,
    replyClock: startReplyClock('next_reply', at, policy, state.calendar),
    etaAt: null,
    etaAlerted: false,
    needsInfoReminded: false,
    lastResearchUpdateAt: null,
  };
}

/** The community answered: its timer stops, and the assigned expert owes the customer a reply. */
export function afterCommunityAnswer(state: SupportQueryState, at: number, policy: SupportPolicy): SupportQueryState {
  if (state.stage !== 'community') return state;
  return { ...state, stage: 'awaiting_reply', stageSince: at, replyClock: state.replyClock ?? startReplyClock('next_reply', at, policy, state.calendar) };
}

/** The expert proposes resolution: the work is delivered (no ETA owed); the confirmation clock runs. */
export function afterResolutionProposed(state: SupportQueryState, at: number): SupportQueryState {
  if (isFinished(state)) return state;
  return { ...state, stage: 'resolution_proposed', stageSince: at, etaAt: null, etaAlerted: false };
}

/** Resolved: the clocks stop; the reopen window runs from `at`. */
export function afterResolved(state: SupportQueryState, at: number): SupportQueryState {
  return isFinished(state) ? state : { ...state, stage: 'resolved', stageSince: at, replyClock: null };
}

/**
 * Ops changed the customer's calendar at `at`: a running reply clock counts the time it had left in
 * the new calendar, and clocks started later run in it. A change no newer than the last one applied
 * (the same event again, or an older one redelivered late) changes nothing.
 */
export function afterTermsChanged(state: SupportQueryState, calendar: SupportQueryState['calendar'], at: number): SupportQueryState {
  if (state.calendarChangedAt !== undefined && at <= state.calendarChangedAt) return state;
  return {
    ...state,
    calendar,
    calendarChangedAt: at,
    replyClock: state.replyClock && recountReplyClock(state.replyClock, at, state.calendar, calendar),
  };
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
      return { ...state, stage: 'closed', stageSince: clock.at, replyClock: null };
    case 'resolution_confirm':
      return { ...state, stage: 'resolved', stageSince: clock.at, replyClock: null };
    case 'eta_overdue':
      return { ...state, etaAlerted: true };
  }
}

export function isFinished(state: SupportQueryState): boolean {
  return state.stage === 'resolved' || state.stage === 'closed';
}
