import { projectActivated, projectEnded, projectPaused, projectResumed, type EventEnvelope } from '@guild/contracts';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { BridgeContext, EventHandlers } from '../event-bridge.js';
import { searchAttributes } from '../search-attributes.js';
import { sprintWorkflowId, type SprintInput } from './input.js';
import { projectActiveSignal, sprintStopSignal } from './messages.js';
import type { SprintPolicy } from './policy.js';
import { weeklySprint } from './workflow.js';

export const WEEKLY_SPRINT_PROCESS = 'weekly-sprint';

type StatusChange = { projectId: string; customerId: string; expertId: string; at: string };

/**
 * How the project's lifecycle drives its sprint. Active (activated or resumed) starts it with
 * signal-with-start: a running sprint just takes the signal, so a repeated event starts nothing
 * twice; a stopped one starts anew (the sprint itself checks the project is still active).
 * Paused or ended stops it.
 */
export function weeklySprintEventHandlers(ctx: BridgeContext, policy: SprintPolicy): EventHandlers {
  const start = (change: StatusChange) => startSprint(ctx, policy, change);
  const stop = (reason: 'paused' | 'ended') => (change: StatusChange) => stopSprint(ctx, change, reason);
  return {
    [projectActivated.subject]: (event: EventEnvelope) => start(projectActivated.payload.parse(event.payload)),
    [projectResumed.subject]: (event: EventEnvelope) => start(projectResumed.payload.parse(event.payload)),
    [projectPaused.subject]: (event: EventEnvelope) => stop('paused')(projectPaused.payload.parse(event.payload)),
    [projectEnded.subject]: (event: EventEnvelope) => stop('ended')(projectEnded.payload.parse(event.payload)),
  };
}

async function startSprint({ client, taskQueue }: BridgeContext, policy: SprintPolicy, change: StatusChange) {
  const input: SprintInput = { projectId: change.projectId, customerId: change.customerId, expertId: change.expertId, policy };
  await client.workflow.signalWithStart(weeklySprint, {
    workflowId: sprintWorkflowId(change.projectId),
    taskQueue,
    args: [input],
    signal: projectActiveSignal,
    signalArgs: [{ at: change.at }],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    staticSummary: `Weekly sprint of project ${change.projectId} (customer ${change.customerId}, expert ${change.expertId})`,
    typedSearchAttributes: [
      { key: searchAttributes.ProjectId, value: change.projectId },
      { key: searchAttributes.CustomerId, value: change.customerId },
      { key: searchAttributes.ExpertId, value: change.expertId },
      { key: searchAttributes.Process, value: WEEKLY_SPRINT_PROCESS },
    ],
  });
}

/** A sprint that is not running has nothing to stop. */
async function stopSprint({ client }: BridgeContext, change: StatusChange, reason: 'paused' | 'ended') {
  try {
    await client.workflow.getHandle(sprintWorkflowId(change.projectId)).signal(sprintStopSignal, { reason, at: change.at });
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}
