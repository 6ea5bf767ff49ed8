import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { searchAttributes } from '../search-attributes.js';
import { serviceCall } from '../shared/activity-presets.js';
import { durationMs } from '../shared/duration.js';
import type { createSupportQueryActivities } from './activities.js';
import { nextDueClock, type DueClock } from './clocks.js';
import type { SupportQueryInput, SupportQueryOutcome } from './input.js';
import type { SupportPolicy } from './policy.js';
import { trackQuery, type TrackedQuery } from './tracked-query.js';
import { afterClockFired, initialState, isFinished } from './transitions.js';

type Activities = ReturnType<typeof createSupportQueryActivities>;

/** Workflows started before the reopen window ended when the query was resolved or closed. */
const REOPEN_WINDOW = 'reopen-window';

/**
 * The whole support promise for one customer query: a first reply within the deadline (with a
 * warning before it), escalation on breach, the community check that turns into research, research
 * updates, the paused clock of a needs-info request, ETA alerts, a proposed resolution confirmed by
 * the customer or by time — until resolved or closed; then the reopen window, in which a customer's
 * message starts it all again. The rules live in clocks.ts and transitions.ts; this function only
 * waits, calls and records.
 */
export async function supportQuery(input: SupportQueryInput): Promise<SupportQueryOutcome> {
  const { queryId, policy } = input;
  const query = trackQuery(input);

  query.begin(input.carried?.state ?? (await startFirstReplyClock(input)));
  for (;;) {
    await keepPromisesUntilFinished(input, query);
    if (!patched(REOPEN_WINDOW)) break;
    const windowEndsAt = query.current.stageSince + durationMs(policy.reopenWithin);
    if (!(await customerReopensBefore(query, windowEndsAt))) {
      await endReopenWindow(queryId, windowEndsAt);
      break;
    }
  }
  return outcomeOf(queryId, query);
}

/** The query's clocks, each acted on as it comes due, until the query is resolved or closed. */
async function keepPromisesUntilFinished(input: SupportQueryInput, query: TrackedQuery) {
  const { queryId, policy } = input;
  let shownDueAt: number | null = null;
  while (!isFinished(query.catchUp())) {
    const dueAt = query.current.replyClock?.dueAt;
    if (dueAt !== undefined && dueAt !== shownDueAt) {
      shownDueAt = dueAt;
      await showReplyDeadline(queryId, dueAt);
      continue;
    }

    const fired = await waitForNextClock(query, policy);
    if (!fired) continue;
    await actOnClock(queryId, fired);
    query.update((state) => afterClockFired(state, fired));
    if (fired.kind === 'reply_breach') flagBreachForOps();

    if (historyIsLong(policy)) await rollOverHistory(input, query);
  }
}

/**
 * Waits out the reopen window of a resolved or closed query. A customer's message in it (also
 * one that raced the close) reopens the query with a new reply clock; answers whether one did.
 */
async function customerReopensBefore(query: TrackedQuery, windowEndsAt: number): Promise<boolean> {
  while (isFinished(query.catchUp())) {
    const seen = query.received;
    const messageFirst = await condition(() => query.received !== seen, Math.max(0, windowEndsAt - Date.now()), { summary: 'reopen window' });
    if (!messageFirst) return false;
  }
  return true;
}

/** From now on a customer's message opens a new query, linked to this one. */
function endReopenWindow(queryId: string, windowEndsAt: number) {
  const { recordSlaEvent } = proxyActivities<Activities>({ ...serviceCall, summary: 'end the reopen window: later messages open a new query' });
  return recordSlaEvent(queryId, { kind: 'reopen_window_end', dueAt: new Date(windowEndsAt).toISOString() });
}

/** The customer's terms decide whether the clock counts business hours; it runs from submission. */
async function startFirstReplyClock(input: SupportQueryInput) {
  const { loadSupportTerms } = proxyActivities<Activities>({ ...serviceCall, summary: "load the customer's support terms" });
  // Terms given with the query save a round trip before the clock runs; older events carry none.
  const terms = input.terms ?? (await loadSupportTerms(input.customerId));
  return initialState(Date.parse(input.submittedAt), input.policy, terms.calendar);
}

/** The service shows each reply clock's deadline in the queue. */
function showReplyDeadline(queryId: string, dueAt: number) {
  const { recordSlaEvent } = proxyActivities<Activities>({ ...serviceCall, summary: 'show the reply deadline in the queue' });
  return recordSlaEvent(queryId, { kind: 'reply_clock_started', dueAt: new Date(dueAt).toISOString() });
}

/**
 * Sleeps until the next clock is due, unless a message arrives first. Answers the clock that
 * fired, or null when a message changed the query (its clocks are then worked out again).
 */
async function waitForNextClock(query: TrackedQuery, policy: SupportPolicy): Promise<DueClock | null> {
  const clock = nextDueClock(query.current, policy);
  const seen = query.received;
  const messageArrived = () => query.received !== seen;
  if (!clock) {
    await condition(messageArrived);
    return null;
  }
  const messageFirst = await condition(messageArrived, Math.max(0, clock.at - Date.now()), { summary: clock.summary });
  return messageFirst ? null : clock;
}

const clockEffectSummary: Record<DueClock['kind'], string> = {
  pre_breach_warning: 'warn the assigned expert: reply deadline is near',
  reply_breach: 'mark the query breached; email ops and the backup expert',
  community_timeout: 'move to research; tell the customer',
  research_update: 'send the customer a research status update',
  needs_info_reminder: 'remind the customer of the information we need',
  needs_info_close: 'close the query: no answer from the customer',
  eta_overdue: 'alert ops: the promised ETA has passed',
  quiet_close: 'close the answered query after a quiet period',
  resolution_confirm: 'resolve: the customer did not object to the proposed resolution',
};

/** The service does what the clock means (marks, mails, events); one proxy per clock names it on the timeline. */
function actOnClock(queryId: string, clock: DueClock) {
  const { recordSlaEvent } = proxyActivities<Activities>({ ...serviceCall, summary: clockEffectSummary[clock.kind] });
  return recordSlaEvent(queryId, { kind: clock.kind, dueAt: new Date(clock.at).toISOString() });
}

/** Ops filter breached queries in the Temporal UI. */
function flagBreachForOps() {
  upsertSearchAttributes([{ key: searchAttributes.SlaBreached, value: true }]);
}

/** Temporal suggests it past its history limits; the policy may set a lower one. Unset, no command changes. */
function historyIsLong(policy: SupportPolicy) {
  const { continueAsNewSuggested, historyLength } = workflowInfo();
  return continueAsNewSuggested || (policy.rollOverAfterEvents !== undefined && historyLength >= policy.rollOverAfterEvents);
}

/** A research query can run for weeks: roll the history over, carrying the state explicitly. */
async function rollOverHistory(input: SupportQueryInput, query: TrackedQuery): Promise<never> {
  await condition(allHandlersFinished);
  const state = query.catchUp();
  return continueAsNew<typeof supportQuery>({ ...input, carried: { state, firstReplyAt: query.firstReplyAt } });
}

function outcomeOf(queryId: string, query: TrackedQuery): SupportQueryOutcome {
  const { stage, everBreached } = query.current;
  return { queryId, result: stage === 'resolved' ? 'resolved' : 'closed', breached: everBreached, firstReplyAt: query.firstReplyAt };
}
