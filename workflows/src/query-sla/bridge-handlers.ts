import { queryReplied, querySubmitted, type EventEnvelope, type EventPayload } from '@guild/contracts';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { customerIdKey, expertIdKey, processKey } from '../search-attributes.js';
import { querySlaWorkflowId, type QuerySlaInput } from './input.js';
import { replyRecordedSignal } from './messages.js';
import type { QuerySlaPolicy } from './policy.js';
import { querySla } from './workflow.js';

export const SUPPORT_QUERY_PROCESS = 'support-query';

export interface BridgeContext {
  client: Client;
  taskQueue: string;
}

/** How support events drive the query-SLA workflow. A repeated event never starts a second one. */
export function querySlaEventHandlers(ctx: BridgeContext, policy: QuerySlaPolicy) {
  return {
    [querySubmitted.subject]: (event: EventEnvelope) =>
      startQuerySla(ctx, policy, querySubmitted.payload.parse(event.payload)),
    [queryReplied.subject]: (event: EventEnvelope) =>
      signalReply(ctx, queryReplied.payload.parse(event.payload)),
  };
}

async function startQuerySla(
  { client, taskQueue }: BridgeContext,
  policy: QuerySlaPolicy,
  submitted: EventPayload<typeof querySubmitted>,
) {
  const input: QuerySlaInput = { ...submitted, policy };
  await client.workflow.start(querySla, {
    workflowId: querySlaWorkflowId(submitted.queryId),
    taskQueue,
    args: [input],
    // The id is the query: a redelivered event finds the running workflow, a closed one stays closed.
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    staticSummary: `Support query from customer ${submitted.customerId}: first reply due within ${policy.firstReply}`,
    typedSearchAttributes: [
      { key: customerIdKey, value: submitted.customerId },
      { key: processKey, value: SUPPORT_QUERY_PROCESS },
      ...(submitted.assignedExpertId ? [{ key: expertIdKey, value: submitted.assignedExpertId }] : []),
    ],
  }).catch((err: unknown) => {
    // REJECT_DUPLICATE: the query's workflow already ran to completion; nothing left to do.
    if (err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError') return;
    throw err;
  });
}

async function signalReply({ client }: BridgeContext, replied: EventPayload<typeof queryReplied>) {
  const handle = client.workflow.getHandle(querySlaWorkflowId(replied.queryId));
  try {
    await handle.signal(replyRecordedSignal, {
      replyId: replied.replyId,
      expertId: replied.expertId,
      repliedAt: replied.repliedAt,
    });
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    // Closed already (a later reply after the first one) → done. Not started yet → retry later,
    // once the submitted event has started it.
    const closed = await handle.describe().then((d) => d.status.name !== 'RUNNING', () => false);
    if (!closed) throw err;
  }
}
