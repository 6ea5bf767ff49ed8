import type { SlaClockKind } from '@guild/contracts';
import { durationMs } from '../shared/duration.js';
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from '../shared/business-hours.js';
import type { SupportPolicy } from './policy.js';
import type { ReplyClock, SupportQueryState } from './state.js';

/** The clocks of a query; the service records each one that fires (the start of a reply clock and the end of the reopen window are reported on their own). */
export type ClockKind = Exclude<SlaClockKind, 'reply_clock_started' | 'reopen_window_end'>;

export interface DueClock {
  kind: ClockKind;
  at: number;
  /** What ops read on the timer in the Temporal UI. */
  summary: string;
}

/**
 * Starts a reply clock at `from`. With a business-hours calendar the clock counts only open
 * hours; the warning fires when `preBreachWarning` of counted time is left.
 */
export function startReplyClock(
  purpose: ReplyClock['purpose'],
  from: number,
  policy: SupportPolicy,
  calendar: SupportQueryState['calendar'],
): ReplyClock {
  const total = durationMs(purpose === 'first_reply' ? policy.firstReply : policy.nextReply);
  const warnAfter = Math.max(0, total - durationMs(policy.preBreachWarning));
  const add = (ms: number) => (calendar ? addBusinessTime(new Date(from), ms, calendar).getTime() : from + ms);
  return { purpose, dueAt: add(total), warnAt: add(warnAfter), warned: false, breached: false };
}

/**
 * The customer's calendar changed at `at` while `clock` runs: the time it had left, counted in the
 * old calendar, counts in the new one from `at` — a deadline now in closed hours moves to the next
 * open hour plus what was left. A breach or warning that already fired (or is already due) stays.
 */
export function recountReplyClock(clock: ReplyClock, at: number, before: BusinessCalendar | null, after: BusinessCalendar | null): ReplyClock {
  const recount = (until: number) => {
    if (until <= at) return until;
    const left = before ? businessTimeBetween(new Date(at), new Date(until), before) : until - at;
    return after ? addBusinessTime(new Date(at), left, after).getTime() : at + left;
  };
  if (clock.breached) return clock;
  return { ...clock, dueAt: recount(clock.dueAt), warnAt: clock.warned ? clock.warnAt : recount(clock.warnAt) };
}

/** The clock that fires next for this state, or null when nothing is pending. */
export function nextDueClock(state: SupportQueryState, policy: SupportPolicy): DueClock | null {
  return candidates(state, policy).reduce<DueClock | null>((soonest, c) => (!soonest || c.at < soonest.at ? c : soonest), null);
}

function candidates(state: SupportQueryState, policy: SupportPolicy): DueClock[] {
  const due: DueClock[] = [];
  const clock = state.replyClock;
  const replyName = clock?.purpose === 'first_reply' ? 'first-reply' : 'next-reply';
  if (clock && !clock.breached) {
    if (!clock.warned && clock.warnAt < clock.dueAt) {
      due.push({ kind: 'pre_breach_warning', at: clock.warnAt, summary: `${replyName} warning ${policy.preBreachWarning} before deadline` });
    }
    const length = clock.purpose === 'first_reply' ? policy.firstReply : policy.nextReply;
    due.push({ kind: 'reply_breach', at: clock.dueAt, summary: `${replyName} deadline ${length}` });
  }
  const after = (duration: string) => state.stageSince + durationMs(duration);
  switch (state.stage) {
    case 'community':
      due.push({ kind: 'community_timeout', at: after(policy.communityCheck), summary: `community quick check ${policy.communityCheck}` });
      break;
    case 'research':
      due.push({
        kind: 'research_update',
        at: (state.lastResearchUpdateAt ?? state.stageSince) + durationMs(policy.researchUpdateEvery),
        summary: `research update to the customer every ${policy.researchUpdateEvery}`,
      });
      break;
    case 'awaiting_customer':
      if (!state.needsInfoReminded) {
        due.push({ kind: 'needs_info_reminder', at: after(policy.needsInfoReminder), summary: `needs-info reminder after ${policy.needsInfoReminder}` });
      }
      due.push({ kind: 'needs_info_close', at: after(policy.needsInfoClose), summary: `needs-info close after ${policy.needsInfoClose}` });
      break;
    case 'answered':
      due.push({ kind: 'quiet_close', at: after(policy.quietClose), summary: `close after ${policy.quietClose} without follow-up` });
      break;
    case 'resolution_proposed':
      due.push({ kind: 'resolution_confirm', at: after(policy.confirmResolution), summary: `resolution confirmed after ${policy.confirmResolution} without objection` });
      break;
    default:
      break;
  }
  // The ETA is owed work: it does not run while we wait for the customer or their confirmation.
  const workOwed = !['resolved', 'closed', 'awaiting_customer', 'resolution_proposed'].includes(state.stage);
  if (workOwed && state.etaAt !== null && !state.etaAlerted) {
    due.push({ kind: 'eta_overdue', at: state.etaAt, summary: 'promised ETA' });
  }
  return due;
}
