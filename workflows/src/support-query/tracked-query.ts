import { patched, setHandler } from '@temporalio/workflow';
import { nextDueClock } from './clocks.js';
import type { SupportQueryInput } from './input.js';
import {
  communityAnsweredSignal,
  customerMessageSignal,
  queryResolvedSignal,
  resolutionProposedSignal,
  supportQueryStatusQuery,
  supportReplySignal,
  supportTermsChangedSignal,
  type SupportQueryStatus,
} from './messages.js';
import type { SupportQueryState } from './state.js';
import { afterCommunityAnswer, afterCustomerMessage, afterReply, afterResolutionProposed, afterResolved, afterTermsChanged } from './transitions.js';

type Change = (state: SupportQueryState) => SupportQueryState;

/** Workflows that got a terms change before they had a handler for it moved no clock, and replay so. */
const TERMS_CHANGE = 'terms-change';

/** The query as its workflow knows it: its state, the messages not yet applied, and its status query. */
export interface TrackedQuery {
  /** The state after the last `catchUp` or `update`. */
  readonly current: SupportQueryState;
  readonly firstReplyAt: string | null;
  /** Counts messages received, so a wait can tell that one arrived. */
  readonly received: number;
  begin(state: SupportQueryState): void;
  /** Applies the messages received since the last call, in order; answers the state. */
  catchUp(): SupportQueryState;
  update(change: Change): void;
}

/**
 * Listens for the query's messages — replies, customer follow-ups, the community's answer, a
 * proposed or confirmed resolution, a change of the customer's terms — and answers the
 * status query. Call it before the workflow's first await, so no early signal is lost.
 */
export function trackQuery(input: SupportQueryInput): TrackedQuery {
  const { queryId, policy } = input;
  let state: SupportQueryState | undefined;
  let firstReplyAt = input.carried?.firstReplyAt ?? null;
  let received = 0;
  const pending: Change[] = [];
  const receive = (change: Change) => {
    pending.push(change);
    received++;
  };

  setHandler(supportReplySignal, (reply) => {
    firstReplyAt ??= reply.repliedAt;
    receive((s) => afterReply(s, { kind: reply.kind, at: Date.parse(reply.repliedAt), etaAt: reply.etaAt ? Date.parse(reply.etaAt) : null }));
  });
  setHandler(customerMessageSignal, (message) => receive((s) => afterCustomerMessage(s, Date.parse(message.receivedAt), policy)));
  setHandler(communityAnsweredSignal, (answer) => receive((s) => afterCommunityAnswer(s, Date.parse(answer.answeredAt), policy)));
  setHandler(resolutionProposedSignal, (proposal) => receive((s) => afterResolutionProposed(s, Date.parse(proposal.proposedAt))));
  setHandler(queryResolvedSignal, (resolved) => receive((s) => afterResolved(s, Date.parse(resolved.resolvedAt))));
  setHandler(supportTermsChangedSignal, (terms) => {
    if (patched(TERMS_CHANGE)) receive((s) => afterTermsChanged(s, terms.calendar, Date.parse(terms.changedAt)));
  });
  setHandler(supportQueryStatusQuery, (): SupportQueryStatus => {
    if (!state) return { queryId, stage: 'awaiting_reply', replyDueAt: null, breached: false, nextClock: null, firstReplyAt };
    const latest = pending.reduce((s, change) => change(s), state);
    const next = nextDueClock(latest, policy);
    return {
      queryId,
      stage: latest.stage,
      replyDueAt: latest.replyClock ? new Date(latest.replyClock.dueAt).toISOString() : null,
      breached: latest.everBreached,
      nextClock: next && { kind: next.kind, at: new Date(next.at).toISOString() },
      firstReplyAt,
    };
  });

  const known = () => {
    if (!state) throw new Error(`query ${queryId}: state read before the workflow began`);
    return state;
  };
  return {
    get current() {
      return known();
    },
    get firstReplyAt() {
      return firstReplyAt;
    },
    get received() {
      return received;
    },
    begin(initial) {
      state = initial;
    },
    catchUp() {
      let caughtUp = known();
      while (pending.length) caughtUp = pending.shift()!(caughtUp);
      state = caughtUp;
      return caughtUp;
    },
    update(change) {
      state = change(known());
    },
  };
}
