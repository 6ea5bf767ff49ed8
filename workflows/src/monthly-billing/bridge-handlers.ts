import { overageApproved, paymentFailed, paymentReceived, type EventEnvelope } from '@guild/contracts';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { BridgeContext, EventHandlers } from '../event-bridge.js';
import { customerBillingWorkflowId } from './input.js';
import { invoicePaidSignal, overageApprovedSignal, paymentFailedSignal } from './messages.js';

/**
 * Billing's facts reach the customer's period process. Only period invoices have one; a process
 * that has finished (or never ran, e.g. a deposit) has nothing to hear.
 */
export function monthlyBillingEventHandlers({ client }: BridgeContext): EventHandlers {
  const tell = async (customerId: string, period: string, send: (handle: ReturnType<typeof client.workflow.getHandle>) => Promise<void>) => {
    try {
      await send(client.workflow.getHandle(customerBillingWorkflowId(customerId, period)));
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  };
  return {
    [paymentReceived.subject]: async (event: EventEnvelope) => {
      const paid = paymentReceived.payload.parse(event.payload);
      if (paid.kind !== 'period' || paid.period === null) return;
      await tell(paid.customerId, paid.period, (h) => h.signal(invoicePaidSignal, { invoiceId: paid.invoiceId, paidAt: paid.paidAt }));
    },
    [paymentFailed.subject]: async (event: EventEnvelope) => {
      const failed = paymentFailed.payload.parse(event.payload);
      await tell(failed.customerId, failed.period, (h) => h.signal(paymentFailedSignal, { invoiceId: failed.invoiceId, failedAt: failed.failedAt }));
    },
    [overageApproved.subject]: async (event: EventEnvelope) => {
      const approved = overageApproved.payload.parse(event.payload);
      await tell(approved.customerId, approved.period, (h) => h.signal(overageApprovedSignal, { invoiceId: approved.invoiceId }));
    },
  };
}
