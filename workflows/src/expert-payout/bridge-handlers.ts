import { payoutRequested, payoutSettled, type EventEnvelope } from '@guild/contracts';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { BridgeContext, EventHandlers } from '../event-bridge.js';
import { searchAttributes } from '../search-attributes.js';
import { payoutWorkflowId, type PayoutInput } from './input.js';
import { payoutSettledSignal } from './messages.js';
import type { PayoutPolicy } from './policy.js';
import { expertPayout } from './workflow.js';

export const EXPERT_PAYOUT_PROCESS = 'expert-payout';

/**
 * A payout request starts `payout-<requestId>` once (a repeated event finds it started or finished); a settlement
 * by ops reaches the running workflow as a signal (one already finished has nothing to learn).
 */
export function expertPayoutEventHandlers({ client, taskQueue }: BridgeContext, policy: PayoutPolicy): EventHandlers {
  return {
    [payoutRequested.subject]: async (event: EventEnvelope) => {
      const request = payoutRequested.payload.parse(event.payload);
      const input: PayoutInput = { ...request, policy };
      try {
        await client.workflow.start(expertPayout, {
          workflowId: payoutWorkflowId(request.requestId),
          taskQueue,
          args: [input],
          // One process per request, ever: a repeated event after the payout finished must not pay it again.
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          staticSummary: `Payout of $${(request.amountCents / 100).toFixed(2)} to expert ${request.expertId} (${request.accountKind})`,
          typedSearchAttributes: [
            { key: searchAttributes.ExpertId, value: request.expertId },
            { key: searchAttributes.Process, value: EXPERT_PAYOUT_PROCESS },
            { key: searchAttributes.SlaBreached, value: false },
          ],
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    },
    [payoutSettled.subject]: async (event: EventEnvelope) => {
      const settled = payoutSettled.payload.parse(event.payload);
      try {
        await client.workflow.getHandle(payoutWorkflowId(settled.requestId)).signal(payoutSettledSignal, { outcome: settled.outcome });
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    },
  };
}
