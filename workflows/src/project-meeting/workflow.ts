import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { serviceCall } from '../shared/activity-presets.js';
import type { createProjectMeetingActivities } from './activities.js';
import { afterClock, afterMove, afterSummary, initialMeetingState, nextMeetingClock, type MeetingClock } from './clocks.js';
import type { MeetingInput, MeetingOutcome } from './input.js';
import { meetingMovedSignal, meetingStatusQuery, meetingSummarizedSignal } from './messages.js';
import type { MeetingState } from './state.js';

type Activities = ReturnType<typeof createProjectMeetingActivities>;
const act = (summary: string) => proxyActivities<Activities>({ ...serviceCall, summary });

/**
 * One booked meeting: reminders to both before it, a new wait whenever it moves (the expert
 * declined with another time, or the customer took one), and after it the summary deadline — a
 * reminder to the expert, then an alert to ops. The clocks live in clocks.ts.
 */
export async function projectMeeting(input: MeetingInput): Promise<MeetingOutcome> {
  const meeting = listenToMeeting(input);
  let remindersSent = 0;

  for (let clock = nextMeetingClock(meeting.state, input.policy); clock; clock = nextMeetingClock(meeting.state, input.policy)) {
    const changedFirst = await waitForClock(meeting, clock);
    if (changedFirst) continue;
    if (await actOnClock(input, meeting.state, clock)) remindersSent += clock.kind === 'reminder' ? 1 : 0;
    meeting.state = afterClock(meeting.state, clock);
  }

  return { meetingId: input.meetingId, result: meeting.state.summarized ? 'summarized' : 'summary_missing', remindersSent };
}

interface TrackedMeeting {
  state: MeetingState;
  /** Counts the messages received, so a wait can tell that one arrived. */
  received: number;
}

/** The meeting's signals and its status query, registered before the first await. */
function listenToMeeting(input: MeetingInput): TrackedMeeting {
  const meeting: TrackedMeeting = { state: initialMeetingState(Date.parse(input.startsAt), input.durationMinutes, Date.now()), received: 0 };
  setHandler(meetingMovedSignal, (moved) => {
    meeting.state = afterMove(meeting.state, Date.parse(moved.startsAt), Date.now());
    meeting.received++;
  });
  setHandler(meetingSummarizedSignal, () => {
    meeting.state = afterSummary(meeting.state);
    meeting.received++;
  });
  setHandler(meetingStatusQuery, () => {
    const next = nextMeetingClock(meeting.state, input.policy);
    const { startsAt, summarized, summaryReminded, opsAlerted } = meeting.state;
    return { meetingId: input.meetingId, startsAt: new Date(startsAt).toISOString(), summarized, summaryReminded, opsAlerted, next: next && { kind: next.kind, at: new Date(next.at).toISOString() } };
  });
  return meeting;
}

/** Sleeps until the clock is due; answers true when a message came first (the clocks are then worked out again). */
async function waitForClock(meeting: TrackedMeeting, clock: MeetingClock): Promise<boolean> {
  const seen = meeting.received;
  return condition(() => meeting.received !== seen, Math.max(0, clock.at - Date.now()), { summary: clock.summary });
}

function actOnClock(input: MeetingInput, state: MeetingState, clock: MeetingClock): Promise<boolean> {
  switch (clock.kind) {
    case 'reminder':
      return act(`remind the customer and the expert: meeting in ${clock.before}`).remindOfMeeting(input.meetingId, new Date(state.startsAt).toISOString(), clock.before);
    case 'summary_reminder':
      return act('remind the expert: the meeting summary is due').chaseMeetingSummary(input.meetingId, 'remind_expert');
    case 'ops_alert':
      return act('alert ops: the meeting summary is missing').chaseMeetingSummary(input.meetingId, 'alert_ops');
  }
}
