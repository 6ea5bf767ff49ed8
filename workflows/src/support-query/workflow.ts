import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import { slaBreachedKey } from '../search-attributes.js';
import type { createSupportQueryActivities } from './activities.js';
import { nextDueClock, type DueClock } from './clocks.js';
import type { SupportQueryInput, SupportQueryOutcome } from './input.js';
import {
  customerMessageSignal,
  queryResolvedSignal,
  supportQueryStatusQuery,
  supportReplySignal,
  type SupportQueryStatus,
} from './messages.js';
import type { SupportQueryState } from './state.js';
import { afterClockFired, afterCustomerMessage, afterReply, afterResolved, initialState, isFinished } from './transitions.js';

type Activities = ReturnType<typeof createSupportQueryActivities>;
const serviceCall: ActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', maximumInterval: '1m', nonRetryableErrorTypes: ['QueryNotFound'] },
};
const { loadSupportTerms } = proxyActivities<Activities>({ ...serviceCall, summary: "load the customer's support terms" });

const clockEffectSummary: Record<DueClock['kind'], string> = {
  pre_breach_warning: 'warn the assigned expert: reply deadline is near',
  reply_breach: 'mark the query breached; email ops and the backup expert',
  community_timeout: 'move to research; tell the customer',
  research_update: 'send the customer a research status update',
  needs_info_reminder: 'remind the customer of the information we need',
  needs_info_close: 'close the query: no answer from the customer',
  eta_overdue: 'alert ops: the promised ETA has passed',
  quiet_close: 'close the answered query after a quiet period',
};

function announceReplyClock(queryId: string, dueAt: number) {
  const { recordSlaEvent } = proxyActivities<Activities>({ ...serviceCall, summary: 'show the reply deadline in the queue' });
  return recordSlaEvent(queryId, { kind: 'reply_clock_started', dueAt: new Date(dueAt).toISOString() });
}

/** One activity proxy per clock, so each call shows what it does on the timeline. */
function recordClockFired(queryId: string, clock: DueClock) {
  const { recordSlaEvent } = proxyActivities<Activities>({ ...serviceCall, summary: clockEffectSummary[clock.kind] });
  return recordSlaEvent(queryId, { kind: clock.kind, dueAt: new Date(clock.at).toISOString() });
}

/**
 * The whole support promise for one customer query: a first reply within the deadline (with a
 * warning before it), escalation on breach, the community check that turns into research, research
 * updates, the paused clock of a needs-info request, ETA alerts — until resolved or closed.
 */
export async function supportQuery(input: SupportQueryInput): Promise<SupportQueryOutcome> {
  const { queryId, policy } = input;
  let state: SupportQueryState | undefined;
  let firstReplyAt = input.carried?.firstReplyAt ?? null;
  let revision = 0;

  // Handlers are registered before the first await, so no early signal is lost.
  const pending: ((s: SupportQueryState) => SupportQueryState)[] = [];
  const apply = (change: (s: SupportQueryState) => SupportQueryState) => {
    pending.push(change);
    revision++;
  };
  setHandler(supportReplySignal, (reply) => {
    firstReplyAt ??= reply.repliedAt;
    apply((s) => afterReply(s, { kind: reply.kind, at: Date.parse(reply.repliedAt), etaAt: reply.etaAt ? Date.parse(reply.etaAt) : null }));
  });
  setHandler(customerMessageSignal, (message) => apply((s) => afterCustomerMessage(s, Date.parse(message.receivedAt), policy)));
  setHandler(queryResolvedSignal, () => apply(afterResolved));
  setHandler(supportQueryStatusQuery, (): SupportQueryStatus => {
    if (!state) return { queryId, stage: 'awaiting_reply', replyDueAt: null, breached: false, nextClock: null, firstReplyAt };
    const current = pending.reduce((s, change) => change(s), state);
    const next = nextDueClock(current, policy);
    return {
      queryId,
      stage: current.stage,
      replyDueAt: current.replyClock ? new Date(current.replyClock.dueAt).toISOString() : null,
      breached: current.everBreached,
      nextClock: next && { kind: next.kind, at: new Date(next.at).toISOString() },
      firstReplyAt,
    };
  });

  if (input.carried) {
    state = input.carried.state;
  } else {
    const terms = await loadSupportTerms(input.customerId);
    state = initialState(Date.parse(input.submittedAt), policy, terms.calendar);
  }
  let current: SupportQueryState = state;
  const takePending = () => {
    while (pending.length) current = pending.shift()!(current);
    state = current;
  };

  // The service shows each reply clock's deadline in the queue; tell it when one starts.
  let announcedDueAt: number | null = null;
  for (takePending(); !isFinished(current); takePending()) {
    const replyClock = current.replyClock;
    if (replyClock && replyClock.dueAt !== announcedDueAt) {
      announcedDueAt = replyClock.dueAt;
      await announceReplyClock(queryId, replyClock.dueAt);
      continue;
    }
    const clock = nextDueClock(current, policy);
    const seen = revision;
    const changed = clock
      ? await condition(() => revision !== seen, Math.max(0, clock.at - Date.now()), { summary: clock.summary })
      : (await condition(() => revision !== seen), true);
    if (changed || !clock) continue;

    await recordClockFired(queryId, clock);
    current = afterClockFired(current, clock);
    state = current;
    if (clock.kind === 'reply_breach') upsertSearchAttributes([{ key: slaBreachedKey, value: true }]);

    // A research query can run for weeks: roll the history over, carrying the state explicitly.
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      takePending();
      await continueAsNew<typeof supportQuery>({ ...input, carried: { state: current, firstReplyAt } });
    }
  }

  return { queryId, result: current.stage === 'resolved' ? 'resolved' : 'closed', breached: current.everBreached, firstReplyAt };
}
