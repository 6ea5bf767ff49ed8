import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import { serviceCall } from '../shared/activity-presets.js';
import type { createWeeklySprintActivities } from './activities.js';
import { afterAgendaItem, firstWeek, nextAgendaItem, type AgendaItem } from './agenda.js';
import type { SprintInput, SprintOutcome } from './input.js';
import { projectActiveSignal, reviewView, sprintStatusQuery, sprintStopSignal, type SprintStop } from './messages.js';
import type { SprintState } from './state.js';

type Activities = ReturnType<typeof createWeeklySprintActivities>;
const act = (summary: string) => proxyActivities<Activities>({ ...serviceCall, summary });

/**
 * One week of a project's sprint per run: the reminders for missing estimates and missing hours,
 * the review windows of finished weeks closing with auto-approval, and at the week's end the
 * summary mail and the NPS survey; then the next week, carrying the state. Stops when the project
 * pauses or ends, once the review windows still open have closed. What is due when lives in
 * agenda.ts; this function only waits and calls.
 */
export async function weeklySprint(input: SprintInput): Promise<SprintOutcome> {
  const { projectId, policy } = input;
  const sprint = listenToProject(input);

  const begun = input.carried ?? (await beginSprint(input));
  if (!begun) return { projectId, stoppedBecause: 'not_active', weeksCompleted: 0 };
  sprint.state = begun;

  for (;;) {
    const item = nextAgendaItem(sprint.state, policy);
    const stop = await waitUntilDue(sprint, item);
    if (stop) {
      const resumed = sprint.state.pendingReviews.length > 0 && patched(CLOSES_REVIEWS_WHEN_STOPPED) && (await closeOpenReviews(input, sprint));
      if (!resumed) return { projectId, stoppedBecause: stop.reason, weeksCompleted: sprint.state.weeksCompleted };
      const again = await beginSprint(input);
      if (!again) return { projectId, stoppedBecause: 'not_active', weeksCompleted: sprint.state.weeksCompleted };
      sprint.state = { ...again, pendingReviews: sprint.state.pendingReviews, weeksCompleted: sprint.state.weeksCompleted, autoApprovedEntries: sprint.state.autoApprovedEntries };
      continue;
    }
    const approvedEntries = await carryOut(projectId, item);
    sprint.state = afterAgendaItem(sprint.state, item, policy, approvedEntries);
    if (item.kind === 'week_end') await startNextWeek(input, sprint.state);
  }
}

/** Histories recorded before a stopped sprint closed its open review windows returned at once. */
const CLOSES_REVIEWS_WHEN_STOPPED = 'sprint-closes-reviews-when-stopped';

/**
 * A paused or ended project's finished weeks keep their review windows: the sprint stays until
 * each closes and approves what the customer left, so ops need not approve those weeks by hand.
 * A resumption meanwhile answers true: the sprint goes on from the project's current week.
 */
async function closeOpenReviews({ projectId, policy }: SprintInput, sprint: Sprint): Promise<boolean> {
  for (const review of [...sprint.state.pendingReviews].sort((a, b) => a.closesAt - b.closesAt)) {
    const summary = `review window for the week of ${review.weekStart}, the project stopped`;
    if (await condition(() => sprint.stop === undefined, Math.max(0, review.closesAt - Date.now()), { summary })) return true;
    const item = { kind: 'review_close', at: review.closesAt, weekStart: review.weekStart, summary } as const;
    sprint.state = afterAgendaItem(sprint.state, item, policy, await carryOut(projectId, item));
  }
  return sprint.stop === undefined;
}

interface Sprint {
  state: SprintState;
  stop: SprintStop | undefined;
}

/** The project's signals and the status query, registered before the first await. */
function listenToProject(input: SprintInput): Sprint {
  const sprint: { state: SprintState | undefined; stop: SprintStop | undefined } = { state: input.carried, stop: undefined };
  setHandler(sprintStopSignal, (stop) => {
    sprint.stop ??= stop;
  });
  // Already running, an activation delivered again changes nothing; a resumption that came after a
  // pause this run has not acted on yet keeps the sprint going.
  setHandler(projectActiveSignal, (active) => {
    if (sprint.stop?.reason === 'paused' && Date.parse(active.at) >= Date.parse(sprint.stop.at)) sprint.stop = undefined;
  });
  setHandler(sprintStatusQuery, () => {
    const state = sprint.state;
    const next = state && !sprint.stop ? nextAgendaItem(state, input.policy) : null;
    return {
      projectId: input.projectId,
      weekStart: state?.week.weekStart ?? null,
      weeksCompleted: state?.weeksCompleted ?? 0,
      pendingReviews: state?.pendingReviews.map(reviewView) ?? [],
      autoApprovedEntries: state?.autoApprovedEntries ?? 0,
      next: next && { kind: next.kind, weekStart: next.weekStart, at: new Date(next.at).toISOString() },
    };
  });
  return sprint as Sprint;
}

/** The sprint runs only for an active project, from the week it is in now (its time zone decides). */
async function beginSprint(input: SprintInput): Promise<SprintState | null> {
  const project = await act('read the project: status, time zone, week start').loadSprintProject(input.projectId);
  if (project.status !== 'active') return null;
  const now = Date.now();
  return {
    timeZone: project.timeZone,
    weekStartDay: project.weekStartDay,
    week: firstWeek(project.currentWeekStart, project.timeZone, now, input.policy),
    remindFrom: now,
    done: [],
    pendingReviews: [],
    weeksCompleted: 0,
    autoApprovedEntries: 0,
  };
}

/** Sleeps until the item is due; answers the stop request if the project paused or ended first. */
async function waitUntilDue(sprint: Sprint, item: AgendaItem): Promise<SprintStop | undefined> {
  await condition(() => sprint.stop !== undefined, Math.max(0, item.at - Date.now()), { summary: item.summary });
  return sprint.stop;
}

/** Does what the item means; answers the entries a closing review window approved. */
async function carryOut(projectId: string, item: AgendaItem): Promise<number> {
  switch (item.kind) {
    case 'estimate_reminder':
      await act(`remind the expert of tasks without an estimate, week of ${item.weekStart}`).remindOfBoardGaps(projectId, item.weekStart, 'missing_estimates');
      return 0;
    case 'hours_reminder':
      await act(`remind the expert of tasks without hours, week of ${item.weekStart}`).remindOfBoardGaps(projectId, item.weekStart, 'missing_hours');
      return 0;
    case 'review_close':
      return act(`approve the hours still submitted for ${item.weekStart}`).approveAtReviewWindowEnd(projectId, item.weekStart);
    case 'week_end':
      await act(`send the weekly summary for ${item.weekStart}`).mailWeekSummary(projectId, item.weekStart);
      await act(`send the NPS survey for ${item.weekStart} if the cadence asks`).openNpsSurvey(projectId, item.weekStart);
      return 0;
  }
}

/** One run per week keeps the history short: the next week starts as a new run with the state carried. */
async function startNextWeek(input: SprintInput, state: SprintState): Promise<never> {
  await condition(allHandlersFinished);
  return continueAsNew<typeof weeklySprint>({ ...input, carried: state });
}
