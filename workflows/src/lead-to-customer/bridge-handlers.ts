import { commissionEarned, leadCreated, leadHandlingChosen, leadStageChanged, type EventEnvelope } from '@guild/contracts';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { BridgeContext, EventHandlers } from '../event-bridge.js';
import { searchAttributes } from '../search-attributes.js';
import { commissionWorkflowId, leadWorkflowId } from './input.js';
import { leadHandlingSignal, leadStageSignal } from './messages.js';
import type { LeadPolicy } from './policy.js';
import { commissionRelease, leadToCustomer } from './workflow.js';

export const LEAD_PROCESS = 'lead-to-customer';
export const COMMISSION_PROCESS = 'commission';

async function startOnce(start: () => Promise<unknown>) {
  try {
    await start();
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
async function toRunning(send: () => Promise<unknown>) {
  try {
    await send();
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

/** A new lead starts `lead-<id>`; its stages and the owner's choice reach it as signals; each commission starts its refund window. */
export function leadToCustomerEventHandlers({ client, taskQueue }: BridgeContext, policy: LeadPolicy): EventHandlers {
  const handle = (leadId: string) => client.workflow.getHandle(leadWorkflowId(leadId));
  return {
    [leadCreated.subject]: async (event: EventEnvelope) => {
      const lead = leadCreated.payload.parse(event.payload);
      await startOnce(() =>
        client.workflow.start(leadToCustomer, {
          workflowId: leadWorkflowId(lead.leadId),
          taskQueue,
          args: [{ leadId: lead.leadId, ownerId: lead.ownerId, policy }],
          staticSummary: `Lead ${lead.leadId} of expert ${lead.ownerId} (${lead.source})`,
          typedSearchAttributes: [
            { key: searchAttributes.ExpertId, value: lead.ownerId },
            { key: searchAttributes.Process, value: LEAD_PROCESS },
          ],
        }),
      );
    },
    [leadStageChanged.subject]: async (event: EventEnvelope) => {
      const change = leadStageChanged.payload.parse(event.payload);
      await toRunning(() => handle(change.leadId).signal(leadStageSignal, { stage: change.stage }));
    },
    [leadHandlingChosen.subject]: async (event: EventEnvelope) => {
      const chosen = leadHandlingChosen.payload.parse(event.payload);
      await toRunning(() => handle(chosen.leadId).signal(leadHandlingSignal, { handling: chosen.handling }));
    },
    [commissionEarned.subject]: async (event: EventEnvelope) => {
      const earned = commissionEarned.payload.parse(event.payload);
      await startOnce(() =>
        client.workflow.start(commissionRelease, {
          workflowId: commissionWorkflowId(earned.lineId),
          taskQueue,
          args: [{ lineId: earned.lineId, expertId: earned.expertId, availableAt: earned.availableAt }],
          staticSummary: `Commission of ${earned.amountCents} cents for expert ${earned.expertId}, available ${earned.availableAt}`,
          typedSearchAttributes: [
            { key: searchAttributes.ExpertId, value: earned.expertId },
            { key: searchAttributes.CustomerId, value: earned.customerId },
            { key: searchAttributes.Process, value: COMMISSION_PROCESS },
          ],
        }),
      );
    },
  };
}
