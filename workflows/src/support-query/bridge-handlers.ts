import {
  communityAnswered,
  queryFollowedUp,
  queryReplied,
  queryResolutionProposed,
  queryResolved,
  querySubmitted,
  queryTermsChanged,
  type EventEnvelope,
  type EventPayload,
} from '@guild/contracts';
import type { WorkflowHandle } from '@temporalio/client';
import { deliverToWorkflow, type BridgeContext, type EventHandlers } from '../event-bridge.js';
import { searchAttributes } from '../search-attributes.js';
import { supportQueryWorkflowId, type SupportQueryInput } from './input.js';
import {
  communityAnsweredSignal,
  customerMessageSignal,
  queryResolvedSignal,
  resolutionProposedSignal,
  supportReplySignal,
  supportTermsChangedSignal,
} from './messages.js';
import type { SupportPolicy } from './policy.js';
import { supportQuery } from './workflow.js';

export const SUPPORT_QUERY_PROCESS = 'support-query';

/** How support events drive each query's workflow. A repeated event never starts a second one. */
export function supportQueryEventHandlers(ctx: BridgeContext, policy: SupportPolicy): EventHandlers {
  return {
    [querySubmitted.subject]: (event: EventEnvelope) => startSupportQuery(ctx, policy, querySubmitted.payload.parse(event.payload)),
    [queryReplied.subject]: (event: EventEnvelope) => signalReply(ctx, queryReplied.payload.parse(event.payload)),
    [queryFollowedUp.subject]: (event: EventEnvelope) => {
      const message = queryFollowedUp.payload.parse(event.payload);
      return signalQuery(ctx, message.queryId, (h) => h.signal(customerMessageSignal, { messageId: message.messageId, receivedAt: message.receivedAt }));
    },
    [communityAnswered.subject]: (event: EventEnvelope) => {
      const answered = communityAnswered.payload.parse(event.payload);
      return signalQuery(ctx, answered.queryId, (h) => h.signal(communityAnsweredSignal, { questionId: answered.questionId, answeredAt: answered.answeredAt }));
    },
    [queryResolutionProposed.subject]: (event: EventEnvelope) => {
      const proposed = queryResolutionProposed.payload.parse(event.payload);
      return signalQuery(ctx, proposed.queryId, (h) => h.signal(resolutionProposedSignal, { proposedAt: proposed.proposedAt, by: proposed.by }));
    },
    [queryResolved.subject]: (event: EventEnvelope) => {
      const resolved = queryResolved.payload.parse(event.payload);
      return signalQuery(ctx, resolved.queryId, (h) => h.signal(queryResolvedSignal, { resolvedAt: resolved.resolvedAt, by: resolved.by }));
    },
    [queryTermsChanged.subject]: (event: EventEnvelope) => {
      const terms = queryTermsChanged.payload.parse(event.payload);
      return signalQuery(ctx, terms.queryId, (h) => h.signal(supportTermsChangedSignal, { calendar: terms.calendar, changedAt: terms.changedAt }));
    },
  };
}

async function startSupportQuery({ client, taskQueue }: BridgeContext, policy: SupportPolicy, submitted: EventPayload<typeof querySubmitted>) {
  const input: SupportQueryInput = { ...submitted, policy };
  await client.workflow
    .start(supportQuery, {
      workflowId: supportQueryWorkflowId(submitted.queryId),
      taskQueue,
      args: [input],
      // The id is the query: a redelivered event finds the running workflow, a closed one stays closed.
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: `Support query of customer ${submitted.customerId}: first reply within ${policy.firstReply}`,
      typedSearchAttributes: [
        { key: searchAttributes.CustomerId, value: submitted.customerId },
        { key: searchAttributes.Process, value: SUPPORT_QUERY_PROCESS },
        ...(submitted.assignedExpertId ? [{ key: searchAttributes.ExpertId, value: submitted.assignedExpertId }] : []),
      ],
    })
    .catch((err: unknown) => {
      // REJECT_DUPLICATE: the query's workflow already ran to completion; nothing left to do.
      if (err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError') return;
      throw err;
    });
}

function signalReply(ctx: BridgeContext, replied: EventPayload<typeof queryReplied>) {
  return signalQuery(ctx, replied.queryId, (handle) =>
    handle.signal(supportReplySignal, {
      replyId: replied.replyId,
      expertId: replied.expertId,
      kind: replied.kind,
      repliedAt: replied.repliedAt,
      etaAt: replied.etaAt,
    }),
  );
}

/** Signals a query's workflow; one not started yet gets it once the submitted event has started it. */
function signalQuery({ client }: BridgeContext, queryId: string, send: (handle: WorkflowHandle) => Promise<void>) {
  return deliverToWorkflow(client.workflow.getHandle(supportQueryWorkflowId(queryId)), send);
}
