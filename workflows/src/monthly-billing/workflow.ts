import {
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { paymentCall, serviceCall } from '../shared/activity-presets.js';
import { durationMs } from '../shared/duration.js';
import { searchAttributes } from '../search-attributes.js';
import type { createMonthlyBillingActivities } from './activities.js';
import { billingRunWorkflowId, customerBillingWorkflowId, MONTHLY_BILLING_PROCESS, type BillingCycleInput, type BillingRunInput, type CustomerBillingInput } from './input.js';
import {
  billingRunProgressQuery,
  customerBilledSignal,
  customerBillingStageQuery,
  invoicePaidSignal,
  overageApprovedSignal,
  paymentFailedSignal,
  type BillingRunProgress,
  type CustomerBilled,
  type CustomerBillingStage,
} from './messages.js';
import { summaries } from './summaries.js';

type Activities = ReturnType<typeof createMonthlyBillingActivities>;
const service = (summary: string) => proxyActivities<Activities>({ ...serviceCall, summary });
// The billing service makes the Stripe call within its own timeout and journals it by key: an
// attempt lost with a worker is retried after 30 s (not the preset's 2 min) and repeats nothing.
const payment = (summary: string) => proxyActivities<Activities>({ ...paymentCall, startToCloseTimeout: '30s', summary });

/**
 * Started by the schedule (monthly at 00:00 UTC on the 1st, or every other Monday): finds the
 * period that just ended and starts its run `billing-run-<period>` once; a duplicate fire finds
 * the run already there and stops.
 */
export async function billingCycle(input: BillingCycleInput): Promise<{ period: string; started: boolean }> {
  const endedBy = input.endedBy ?? workflowInfo().startTime.toISOString();
  const due = await service(`find the ${input.cadence} customers due`).findDueCustomers(input.cadence, endedBy);
  const runInput: BillingRunInput = { cadence: input.cadence, period: due.period, periodStart: due.periodStart, periodEnd: due.periodEnd, customerIds: due.customerIds, policy: input.policy };
  try {
    await executeChild(billingRun, {
      workflowId: billingRunWorkflowId(due.period),
      args: [runInput],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: `Bill ${due.customerIds.length} ${input.cadence} customers for ${due.period}`,
    });
    return { period: due.period, started: true };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      log.info('the period is already billed or being billed', { period: due.period });
      return { period: due.period, started: false };
    }
    throw err;
  }
}

/**
 * Bills every customer due for the period: one `billing-<customerId>-<period>` each, at most
 * `concurrentCustomers` at a time. A customer's process tells the run when the customer is billed
 * and then goes on waiting for the payment on its own. A run of many customers continues as new
 * (carrying its progress and where it is in the list) once its history passes the policy's
 * `rollOverAfterEvents`, at a moment no customer it started is still unreported.
 */
export async function billingRun(input: BillingRunInput): Promise<BillingRunProgress> {
  const progress: BillingRunProgress = input.carried?.progress ?? { period: input.period, total: input.customerIds.length, done: 0, invoiced: 0, invoicedCents: 0, nothingOwed: 0, failed: [] };
  const billed = new Set<string>();
  const record = (b: CustomerBilled) => {
    if (billed.has(b.customerId)) return;
    billed.add(b.customerId);
    progress.done += 1;
    if (b.outcome === 'invoiced') {
      progress.invoiced += 1;
      progress.invoicedCents += b.invoicedCents;
    } else if (b.outcome === 'nothing_owed') progress.nothingOwed += 1;
    else progress.failed.push(b.customerId);
  };
  setHandler(billingRunProgressQuery, () => progress);
  setHandler(customerBilledSignal, record);
  upsertSearchAttributes([{ key: searchAttributes.Process, value: MONTHLY_BILLING_PROCESS }]);

  // Children start together (one workflow task for many starts) rather than one start per task.
  const startTogether = patched('billing-run-starts-together');
  const { rollOverAfterEvents } = input.policy;
  const starting: Promise<void>[] = [];
  const startOne = async (customerId: string) => {
    // The child's input names its customer only: the run's list stays out of every child's history.
    const child: CustomerBillingInput = { cadence: input.cadence, period: input.period, periodStart: input.periodStart, periodEnd: input.periodEnd, policy: input.policy, customerId, runWorkflowId: workflowInfo().workflowId };
    try {
      const handle = await startChild(customerBilling, {
        workflowId: customerBillingWorkflowId(customerId, input.period),
        args: [child],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: `Bill customer ${customerId} for ${input.period}`,
        typedSearchAttributes: [
          { key: searchAttributes.CustomerId, value: customerId },
          { key: searchAttributes.Process, value: MONTHLY_BILLING_PROCESS },
        ],
      });
      // A process that fails before it reports still counts as done, named among the failures.
      void handle.result().catch(() => record({ customerId, invoicedCents: 0, outcome: 'failed' }));
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      // Billed by an earlier run of this period: nothing to do twice.
      record({ customerId, invoicedCents: 0, outcome: 'nothing_owed' });
    }
  };

  const first = input.carried?.next ?? 0;
  let started = 0;
  for (let next = first; next < input.customerIds.length; next += 1) {
    await condition(() => started - billed.size < input.policy.concurrentCustomers);
    if (rollOverAfterEvents !== undefined && workflowInfo().historyLength > rollOverAfterEvents) {
      await Promise.all(starting);
      await condition(() => billed.size === started && allHandlersFinished());
      await continueAsNew<typeof billingRun>({ ...input, carried: { progress, next } });
    }
    const customerId = input.customerIds[next]!;
    if (startTogether) starting.push(startOne(customerId));
    else await startOne(customerId);
    started += 1;
  }
  await Promise.all(starting);
  await condition(() => progress.done === progress.total);
  await condition(allHandlersFinished);
  return progress;
}

/**
 * One customer's period: close the draws, invoice the overage through Stripe (after ops when
 * above the threshold), mail the statement, then wait for the payment; a failed payment is
 * chased (reminders, an ops alert) and, still unpaid, pauses the customer's projects until paid.
 */
export async function customerBilling(input: CustomerBillingInput): Promise<{ invoiceId: string | null; outcome: CustomerBillingStage }> {
  const { customerId, period, policy } = input;
  const wfId = workflowInfo().workflowId;
  let stage: CustomerBillingStage = 'closing';
  let paid = false;
  let failed = false;
  let approved = false;
  setHandler(customerBillingStageQuery, () => stage);
  setHandler(invoicePaidSignal, () => void (paid = true));
  setHandler(paymentFailedSignal, () => void (failed = true));
  setHandler(overageApprovedSignal, () => void (approved = true));
  const tellRun = (b: Omit<CustomerBilled, 'customerId'>) => getExternalWorkflowHandle(input.runWorkflowId).signal(customerBilledSignal, { customerId, ...b });

  const statement = await service(summaries.close(period)).closeBillingPeriod(customerId, period, input.periodStart, input.periodEnd);
  if (statement.overageCents === 0 || !statement.invoiceId) {
    await service(summaries.statement(period)).mailStatement(statement.id);
    await tellRun({ invoicedCents: 0, outcome: 'nothing_owed' });
    return { invoiceId: null, outcome: (stage = 'nothing_owed') };
  }

  const amount = statement.overageCents;
  const invoice = await payment(summaries.draft(amount, period)).draftOverageInvoice(statement.id, `${wfId}:draft-invoice`);
  if (invoice.status === 'awaiting_approval') {
    stage = 'awaiting_approval';
    await condition(() => approved);
  }
  stage = 'invoicing';
  await payment(summaries.issue(amount, period)).issueOverageInvoice(invoice.id, `${wfId}:issue-invoice`);
  await service(summaries.statement(period)).mailStatement(statement.id);
  await tellRun({ invoicedCents: amount, outcome: 'invoiced' });

  stage = 'awaiting_payment';
  await condition(() => paid || failed);
  if (!paid) await chaseUnpaidInvoice(invoice.id, policy, () => paid, (s) => (stage = s));
  stage = 'paid';
  await condition(allHandlersFinished);
  return { invoiceId: invoice.id, outcome: stage };
}

/** Dunning, counted from the failed payment: reminders, an ops alert, then the projects pause until paid. */
async function chaseUnpaidInvoice(invoiceId: string, policy: CustomerBillingInput['policy'], isPaid: () => boolean, setStage: (s: CustomerBillingStage) => void) {
  setStage('dunning');
  const steps = [
    { after: policy.firstReminderAfter, reminder: 1, alertOps: false },
    { after: policy.secondReminderAfter, reminder: 2, alertOps: true },
  ];
  let waited = 0;
  for (const step of steps) {
    const wait = Math.max(0, durationMs(step.after) - waited);
    waited += wait;
    if (await condition(isPaid, wait, { summary: summaries.reminder(step.reminder, step.after) })) return;
    await service(`remind the customer of the unpaid invoice (reminder ${step.reminder})`).remindOfPayment(invoiceId, step.reminder, step.alertOps);
  }
  if (await condition(isPaid, Math.max(0, durationMs(policy.pauseProjectsAfter) - waited), { summary: summaries.pause(policy.pauseProjectsAfter) })) return;
  await service("pause the customer's projects: invoice unpaid").pauseCustomerProjects(invoiceId);
  setStage('projects_paused');
  await condition(isPaid);
  await service("resume the customer's projects: invoice paid").resumeCustomerProjects(invoiceId);
}

/** Daily: the ledger's invoices and payments against Stripe's; billing mails ops any difference. */
export async function billingReconciliation(): Promise<{ checkedInvoices: number; differences: number }> {
  const result = await service("compare the ledger's invoices and payments with Stripe").reconcileWithStripe();
  if (result.differences.length > 0) log.warn('billing and Stripe differ', { differences: result.differences.length });
  return { checkedInvoices: result.checkedInvoices, differences: result.differences.length };
}
