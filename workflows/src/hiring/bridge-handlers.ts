import { jobPosted, offerSelected, offerSubmitted, offerWithdrawn, onboardingUpdated, type EventEnvelope } from '@guild/contracts';
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { deliverToWorkflow, type BridgeContext, type EventHandlers } from '../event-bridge.js';
import { searchAttributes } from '../search-attributes.js';
import { hiringWorkflowId, type HiringInput } from './input.js';
import { offerSubmittedSignal, offerWithdrawnSignal, onboardingChangedSignal, selectOfferUpdate } from './messages.js';
import type { HiringPolicy } from './policy.js';
import { hiring } from './workflow.js';

export const HIRING_PROCESS = 'hiring';

/**
 * A posted job starts `hiring-<jobId>` (a repeated event finds it started); offers, withdrawals
 * and onboarding changes reach it as signals; the customer's selection as an update whose
 * validator keeps the first choice (a refused update is the answer, not an error to retry). An
 * event handled before the job's posting has started the workflow is retried until it has; a
 * finished hiring has nothing more to learn.
 */
export function hiringEventHandlers({ client, taskQueue }: BridgeContext, policy: HiringPolicy): EventHandlers {
  const toHiring = (jobId: string, send: (handle: WorkflowHandle) => Promise<unknown>) => deliverToWorkflow(client.workflow.getHandle(hiringWorkflowId(jobId)), send);
  return {
    [jobPosted.subject]: async (event: EventEnvelope) => {
      const posted = jobPosted.payload.parse(event.payload);
      const input: HiringInput = { ...posted, policy };
      try {
        await client.workflow.start(hiring, {
          workflowId: hiringWorkflowId(posted.jobId),
          taskQueue,
          args: [input],
          staticSummary: `Hiring for job ${posted.jobId} of customer ${posted.customerId}: launched within ${policy.launchBy}`,
          typedSearchAttributes: [
            { key: searchAttributes.CustomerId, value: posted.customerId },
            { key: searchAttributes.Process, value: HIRING_PROCESS },
            { key: searchAttributes.SlaBreached, value: false },
          ],
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    },
    [offerSubmitted.subject]: async (event: EventEnvelope) => {
      const offer = offerSubmitted.payload.parse(event.payload);
      await toHiring(offer.jobId, (h) => h.signal(offerSubmittedSignal, { offerId: offer.offerId, expertId: offer.expertId, submittedAt: offer.submittedAt }));
    },
    [offerWithdrawn.subject]: async (event: EventEnvelope) => {
      const offer = offerWithdrawn.payload.parse(event.payload);
      await toHiring(offer.jobId, (h) => h.signal(offerWithdrawnSignal, { offerId: offer.offerId }));
    },
    [offerSelected.subject]: async (event: EventEnvelope) => {
      const selected = offerSelected.payload.parse(event.payload);
      try {
        await toHiring(selected.jobId, (h) => h.executeUpdate(selectOfferUpdate, { args: [{ offerId: selected.offerId, expertId: selected.expertId }] }));
      } catch (err) {
        if (!(err instanceof WorkflowUpdateFailedError)) throw err;
      }
    },
    [onboardingUpdated.subject]: async (event: EventEnvelope) => {
      const update = onboardingUpdated.payload.parse(event.payload);
      await toHiring(update.jobId, (h) => h.signal(onboardingChangedSignal));
    },
  };
}
