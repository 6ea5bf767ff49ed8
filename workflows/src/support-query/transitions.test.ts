import { describe, expect, it } from 'vitest';
import { nextDueClock } from './clocks.js';
import { supportPolicySchema } from './policy.js';
import {
  afterClockFired,
  afterCommunityAnswer,
  afterCustomerMessage,
  afterReply,
  afterResolutionProposed,
  afterResolved,
  afterTermsChanged,
  initialState,
} from './transitions.js';

const policy = supportPolicySchema.parse({});
const MIN = 60_000;
const HOUR = 60 * MIN;
const t0 = Date.parse('2026-11-18T09:00:00Z');

describe('support clocks', () => {
  it('a new query warns the expert 15 min before the 1 h first-reply deadline', () => {
    const state = initialState(t0, policy, null);
    expect(nextDueClock(state, policy)).toMatchObject({ kind: 'pre_breach_warning', at: t0 + 45 * MIN });
    const warned = afterClockFired(state, nextDueClock(state, policy)!);
    expect(nextDueClock(warned, policy)).toMatchObject({ kind: 'reply_breach', at: t0 + HOUR, summary: 'first-reply deadline 1h' });
  });

  it('after a breach the first-reply clock is spent, and the query still waits for its reply', () => {
    let state = initialState(t0, policy, null);
    state = afterClockFired(state, nextDueClock(state, policy)!);
    state = afterClockFired(state, nextDueClock(state, policy)!);
    expect(state.everBreached).toBe(true);
    expect(state.stage).toBe('awaiting_reply');
    expect(nextDueClock(state, policy)).toBeNull();
  });

  it('an answer delivers the work: its ETA ends, and ops are not alerted about an answered query', () => {
    const state = afterReply(initialState(t0, policy, null), { kind: 'answer', at: t0 + 10 * MIN, etaAt: t0 + 3 * HOUR });
    expect(state.stage).toBe('answered');
    expect(nextDueClock(state, policy)).toMatchObject({ kind: 'quiet_close' });
  });

  it('the ETA runs while work is owed: an action task alerts ops when its ETA passes', () => {
    const state = afterReply(initialState(t0, policy, null), { kind: 'action', at: t0 + 10 * MIN, etaAt: t0 + 3 * HOUR });
    expect(nextDueClock(state, policy)).toMatchObject({ kind: 'eta_overdue', at: t0 + 3 * HOUR });
  });

  it("a follow-up's reply clock is 1 h like the first", () => {
    const answered = afterReply(initialState(t0, policy, null), { kind: 'answer', at: t0 + 10 * MIN, etaAt: t0 + HOUR });
    const followedUp = afterCustomerMessage(answered, t0 + 2 * HOUR, policy);
    expect(followedUp.stage).toBe('awaiting_reply');
    expect(followedUp.replyClock).toMatchObject({ purpose: 'next_reply', dueAt: t0 + 3 * HOUR });
  });

  it('a follow-up during the community check keeps its stage and timer, and owes the customer a reply', () => {
    const checking = afterReply(initialState(t0, policy, null), { kind: 'checking', at: t0 + 5 * MIN, etaAt: t0 + 72 * HOUR });
    const followedUp = afterCustomerMessage(checking, t0 + HOUR, policy);
    expect(followedUp).toMatchObject({ stage: 'community', stageSince: checking.stageSince, replyClock: { dueAt: t0 + 2 * HOUR } });
    expect(nextDueClock({ ...followedUp, replyClock: null }, policy)).toMatchObject({ kind: 'community_timeout', at: t0 + 5 * MIN + 4 * HOUR });
  });

  it("the community's answer stops the community timer; the expert owes the customer a reply within 1 h", () => {
    const checking = afterReply(initialState(t0, policy, null), { kind: 'checking', at: t0 + 5 * MIN, etaAt: t0 + 72 * HOUR });
    const answered = afterCommunityAnswer(checking, t0 + HOUR, policy);
    expect(answered.stage).toBe('awaiting_reply');
    expect(nextDueClock(answered, policy)).toMatchObject({ kind: 'pre_breach_warning', at: t0 + HOUR + 45 * MIN });
  });

  it("a research reply is the day's update: the next update is due a full period later", () => {
    const research = afterReply(initialState(t0, policy, null), { kind: 'research', at: t0, etaAt: t0 + 72 * HOUR });
    const finding = afterReply(research, { kind: 'research', at: t0 + 20 * HOUR, etaAt: null });
    expect(nextDueClock(finding, policy)).toMatchObject({ kind: 'research_update', at: t0 + 44 * HOUR });
  });

  it('a proposed resolution is confirmed when the quiet period ends; a follow-up disputes it', () => {
    const proposed = afterResolutionProposed(afterReply(initialState(t0, policy, null), { kind: 'action', at: t0, etaAt: t0 + HOUR }), t0 + HOUR);
    const confirm = nextDueClock(proposed, policy)!;
    expect(confirm).toMatchObject({ kind: 'resolution_confirm', at: t0 + HOUR + 3 * 24 * HOUR });
    expect(afterClockFired(proposed, confirm).stage).toBe('resolved');
    expect(afterCustomerMessage(proposed, t0 + 2 * HOUR, policy)).toMatchObject({ stage: 'awaiting_reply', replyClock: { purpose: 'next_reply' } });
  });

  it('a message after resolution or close (inside the reopen window) reopens the query with a new reply clock', () => {
    const answered = afterReply(initialState(t0, policy, null), { kind: 'answer', at: t0, etaAt: t0 + HOUR });
    const closed = afterClockFired(answered, nextDueClock(answered, policy)!);
    expect(closed.stage).toBe('closed');
    const reopened = afterCustomerMessage(closed, closed.stageSince + HOUR, policy);
    expect(reopened).toMatchObject({ stage: 'awaiting_reply', replyClock: { purpose: 'next_reply', dueAt: closed.stageSince + 2 * HOUR } });
  });

  it('checking goes to the community for 4 h, then to research with regular updates', () => {
    let state = afterReply(initialState(t0, policy, null), { kind: 'checking', at: t0 + 5 * MIN, etaAt: t0 + 72 * HOUR });
    const timeout = nextDueClock(state, policy)!;
    expect(timeout).toMatchObject({ kind: 'community_timeout', at: t0 + 5 * MIN + 4 * HOUR });
    state = afterClockFired(state, timeout);
    expect(state.stage).toBe('research');
    const update = nextDueClock(state, policy)!;
    expect(update).toMatchObject({ kind: 'research_update', at: timeout.at + 24 * HOUR });
    state = afterClockFired(state, update);
    expect(nextDueClock(state, policy)).toMatchObject({ kind: 'research_update', at: update.at + 24 * HOUR });
  });

  it('needs_info pauses the reply clock; the customer answering starts the next-reply clock', () => {
    let state = afterReply(initialState(t0, policy, null), { kind: 'needs_info', at: t0 + 5 * MIN, etaAt: null });
    expect(state.replyClock).toBeNull();
    expect(nextDueClock(state, policy)).toMatchObject({ kind: 'needs_info_reminder', at: t0 + 5 * MIN + 72 * HOUR });
    state = afterCustomerMessage(state, t0 + 2 * HOUR, policy);
    expect(state.stage).toBe('awaiting_reply');
    expect(nextDueClock(state, policy)).toMatchObject({ kind: 'pre_breach_warning', at: t0 + 2 * HOUR + HOUR - 15 * MIN });
  });

  it('needs_info without an answer is reminded after 3 days and closed after 7', () => {
    let state = afterReply(initialState(t0, policy, null), { kind: 'needs_info', at: t0, etaAt: null });
    state = afterClockFired(state, nextDueClock(state, policy)!);
    const close = nextDueClock(state, policy)!;
    expect(close).toMatchObject({ kind: 'needs_info_close', at: t0 + 7 * 24 * HOUR });
    expect(afterClockFired(state, close).stage).toBe('closed');
  });

  it('a follow-up while a reply clock runs keeps the earlier deadline', () => {
    const state = initialState(t0, policy, null);
    expect(afterCustomerMessage(state, t0 + 30 * MIN, policy).replyClock).toEqual(state.replyClock);
  });

  it('a resolved query has no clocks and ignores later replies', () => {
    const resolved = afterResolved(afterReply(initialState(t0, policy, null), { kind: 'answer', at: t0, etaAt: t0 + HOUR }), t0 + MIN);
    expect(nextDueClock(resolved, policy)).toBeNull();
    expect(afterReply(resolved, { kind: 'checking', at: t0 + HOUR, etaAt: null }).stage).toBe('resolved');
  });

  it('counts reply clocks in business hours when the customer has a calendar', () => {
    const calendar = { timeZone: 'UTC', weeklyHours: { fri: [{ start: '09:00', end: '18:00' }], mon: [{ start: '09:00', end: '18:00' }] } };
    const fridayLate = Date.parse('2026-11-20T17:30:00Z');
    const state = initialState(fridayLate, policy, calendar);
    expect(new Date(state.replyClock!.dueAt).toISOString()).toBe('2026-11-23T09:30:00.000Z');
    expect(new Date(state.replyClock!.warnAt).toISOString()).toBe('2026-11-23T09:15:00.000Z');
  });
});

describe('support terms changed while the query runs', () => {
  const openFriAndMon = { timeZone: 'UTC', weeklyHours: { fri: [{ start: '09:00', end: '18:00' }], mon: [{ start: '09:00', end: '18:00' }] } };
  const at = (iso: string) => Date.parse(iso);
  const iso = (ms: number | undefined) => new Date(ms!).toISOString();

  it('a deadline now in closed hours moves to the next open hour plus the time it had left', () => {
    const submitted = initialState(at('2026-11-20T18:10:00Z'), policy, null);
    expect(iso(submitted.replyClock?.dueAt)).toBe('2026-11-20T19:10:00.000Z');
    const changed = afterTermsChanged(submitted, openFriAndMon, at('2026-11-20T18:30:00Z'));
    // 40 min were left of the hour, 25 min until the warning: both count from Monday's opening.
    expect(iso(changed.replyClock?.dueAt)).toBe('2026-11-23T09:40:00.000Z');
    expect(iso(changed.replyClock?.warnAt)).toBe('2026-11-23T09:25:00.000Z');
    expect(changed.calendar).toEqual(openFriAndMon);
    expect(nextDueClock(changed, policy)).toMatchObject({ kind: 'pre_breach_warning', at: at('2026-11-23T09:25:00Z') });
  });

  it('the open minutes left on the day count first', () => {
    const submitted = initialState(at('2026-11-20T17:20:00Z'), policy, null);
    const changed = afterTermsChanged(submitted, openFriAndMon, at('2026-11-20T17:50:00Z'));
    // 30 min left: 10 until Friday's close, 20 after Monday's opening.
    expect(iso(changed.replyClock?.dueAt)).toBe('2026-11-23T09:20:00.000Z');
  });

  it('dropping the calendar runs the time left round the clock from the change', () => {
    const submitted = initialState(at('2026-11-20T17:30:00Z'), policy, openFriAndMon);
    expect(iso(submitted.replyClock?.dueAt)).toBe('2026-11-23T09:30:00.000Z');
    const changed = afterTermsChanged(submitted, null, at('2026-11-21T12:00:00Z'));
    expect(iso(changed.replyClock?.dueAt)).toBe('2026-11-21T12:30:00.000Z');
    expect(changed.calendar).toBeNull();
  });

  it('a warning already sent stays sent, and a breached clock keeps its deadline', () => {
    let state = initialState(at('2026-11-20T17:30:00Z'), policy, null);
    state = afterClockFired(state, nextDueClock(state, policy)!);
    const warned = afterTermsChanged(state, openFriAndMon, at('2026-11-20T18:20:00Z'));
    expect(warned.replyClock).toMatchObject({ warned: true, warnAt: state.replyClock!.warnAt, dueAt: at('2026-11-23T09:10:00Z') });

    state = afterClockFired(state, nextDueClock(state, policy)!);
    const breached = afterTermsChanged(state, openFriAndMon, at('2026-11-20T18:40:00Z'));
    expect(breached.replyClock).toEqual(state.replyClock);
    expect(breached.calendar).toEqual(openFriAndMon);
  });

  it('clocks started after the change count in the new calendar', () => {
    const answered = afterReply(initialState(at('2026-11-20T10:00:00Z'), policy, null), { kind: 'answer', at: at('2026-11-20T10:30:00Z'), etaAt: null });
    const changed = afterTermsChanged(answered, openFriAndMon, at('2026-11-20T11:00:00Z'));
    expect(changed.replyClock).toBeNull();
    const followedUp = afterCustomerMessage(changed, at('2026-11-20T17:30:00Z'), policy);
    expect(iso(followedUp.replyClock?.dueAt)).toBe('2026-11-23T09:30:00.000Z');
  });

  it('the same change again, or an older one delivered late, changes nothing', () => {
    const submitted = initialState(at('2026-11-20T18:10:00Z'), policy, null);
    const changed = afterTermsChanged(submitted, openFriAndMon, at('2026-11-20T18:30:00Z'));
    expect(afterTermsChanged(changed, openFriAndMon, at('2026-11-20T18:30:00Z'))).toBe(changed);
    expect(afterTermsChanged(changed, null, at('2026-11-20T18:20:00Z'))).toBe(changed);
  });
});
