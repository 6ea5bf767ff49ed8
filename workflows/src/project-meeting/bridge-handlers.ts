import { meetingBooked, meetingConfirmed, meetingRescheduled, meetingSummarized, type EventEnvelope, type EventPayload } from '@guild/contracts';
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { BridgeContext, EventHandlers } from '../event-bridge.js';
import { searchAttributes } from '../search-attributes.js';
import { meetingWorkflowId, type MeetingInput } from './input.js';
import { meetingMovedSignal, meetingSummarizedSignal } from './messages.js';
import type { MeetingPolicy } from './policy.js';
import { projectMeeting } from './workflow.js';

export const PROJECT_MEETING_PROCESS = 'project-meeting';

/**
 * How meeting events drive each meeting's workflow. The bridge starts it itself, not the sprint:
 * a meeting outlives the week it was booked in and a paused sprint, so it stands alone, found by
 * its id like a support query's.
 */
export function projectMeetingEventHandlers(ctx: BridgeContext, policy: MeetingPolicy): EventHandlers {
  return {
    [meetingBooked.subject]: (event: EventEnvelope) => startMeeting(ctx, policy, meetingBooked.payload.parse(event.payload)),
    [meetingRescheduled.subject]: (event: EventEnvelope) => {
      const declined = meetingRescheduled.payload.parse(event.payload);
      return signalMeeting(ctx, declined.meetingId, (h) => h.signal(meetingMovedSignal, { startsAt: declined.proposedStartsAt }));
    },
    [meetingConfirmed.subject]: (event: EventEnvelope) => {
      const confirmed = meetingConfirmed.payload.parse(event.payload);
      return signalMeeting(ctx, confirmed.meetingId, (h) => h.signal(meetingMovedSignal, { startsAt: confirmed.startsAt }));
    },
    [meetingSummarized.subject]: (event: EventEnvelope) => {
      const summarized = meetingSummarized.payload.parse(event.payload);
      return signalMeeting(ctx, summarized.meetingId, (h) => h.signal(meetingSummarizedSignal));
    },
  };
}

async function startMeeting({ client, taskQueue }: BridgeContext, policy: MeetingPolicy, booked: EventPayload<typeof meetingBooked>) {
  const input: MeetingInput = { ...booked, policy };
  await client.workflow
    .start(projectMeeting, {
      workflowId: meetingWorkflowId(booked.meetingId),
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: `Meeting ${booked.meetingId} of project ${booked.projectId} at ${booked.startsAt}`,
      typedSearchAttributes: [
        { key: searchAttributes.ProjectId, value: booked.projectId },
        { key: searchAttributes.CustomerId, value: booked.customerId },
        { key: searchAttributes.ExpertId, value: booked.expertId },
        { key: searchAttributes.Process, value: PROJECT_MEETING_PROCESS },
      ],
    })
    .catch((err: unknown) => {
      // REJECT_DUPLICATE: this meeting's workflow already ran to its end.
      if (err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError') return;
      throw err;
    });
}

/** A closed meeting workflow has nothing left to do; one not started yet is retried later (the consumer naks). */
async function signalMeeting({ client }: BridgeContext, meetingId: string, send: (handle: WorkflowHandle) => Promise<void>) {
  const handle = client.workflow.getHandle(meetingWorkflowId(meetingId));
  try {
    await send(handle);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    const closed = await handle.describe().then((d) => d.status.name !== 'RUNNING', () => false);
    if (!closed) throw err;
  }
}
