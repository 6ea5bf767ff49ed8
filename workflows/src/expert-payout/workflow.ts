import { ActivityFailure, condition, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { searchAttributes } from '../search-attributes.js';
import { paymentCall, serviceCall } from '../shared/activity-presets.js';
import type { createExpertPayoutActivities } from './activities.js';
import { deadlineOf } from './deadline.js';
import type { PayoutInput, PayoutOutcome } from './input.js';
import { payoutSettledSignal, payoutStatusQuery, type PayoutSettled, type PayoutStatus } from './messages.js';

type Activities = ReturnType<typeof createExpertPayoutActivities>;
const act = (summary: string) => proxyActivities<Activities>({ ...serviceCall, summary });

interface Payout {
  stage: PayoutStatus['stage'];
  settledByOps: PayoutSettled | undefined;
  warned: boolean;
  breached: boolean;
}

/**
 * One payout request, paid within 24 hours: the amount is already held (the request holds it) →
 * check the account can be paid and the listing is active, else refuse with the reason and release
 * → one Stripe transfer, or a bank transfer ops pay by hand → paid, and the expert is mailed.
 * Beside it runs the 24 h promise: ops are warned at 20 h and alerted at 24 h.
 */
export async function expertPayout(input: PayoutInput): Promise<PayoutOutcome> {
  const payout = listenToOps(input);
  const promise = keepThe24HourPromise(input, payout);
  const outcome = await payOut(input, payout);
  payout.stage = 'settled';
  await promise;
  return outcome;
}

function listenToOps(input: PayoutInput): Payout {
  const payout: Payout = { stage: 'checking', settledByOps: undefined, warned: false, breached: false };
  setHandler(payoutSettledSignal, (settled) => {
    payout.settledByOps ??= settled;
  });
  setHandler(payoutStatusQuery, () => ({
    requestId: input.requestId,
    stage: payout.stage,
    dueAt: new Date(deadlineOf(input.requestedAt, input.policy).dueAt).toISOString(),
    warned: payout.warned,
    breached: payout.breached,
  }));
  return payout;
}

async function payOut(input: PayoutInput, payout: Payout): Promise<PayoutOutcome> {
  const { requestId } = input;
  const check = await act("check the account at Stripe and the expert's listing").checkPayoutPayability(requestId);
  if (!check.payable) {
    const reason = check.reason ?? 'the account cannot be paid';
    await act('refuse: release the hold and tell the expert why').refusePayout(requestId, reason);
    return { outcome: 'refused', reason };
  }
  if (input.accountKind === 'bank_transfer') {
    await act('give ops the bank transfer to pay').openManualTransferTask(requestId);
    return waitForOps(payout);
  }
  return transferWithStripe(input, payout);
}

/**
 * One transfer, keyed by the request id. Stripe refusing it releases the hold (done by the
 * service, which tells the expert). A transfer that still fails after the policy's patience may or
 * may not have left: that cannot be undone automatically, so a person reviews it.
 */
async function transferWithStripe(input: PayoutInput, payout: Payout): Promise<PayoutOutcome> {
  payout.stage = 'transferring';
  const { sendStripeTransfer } = proxyActivities<Activities>({
    ...paymentCall,
    scheduleToCloseTimeout: input.policy.transferGivesUpAfter,
    summary: `transfer $${(input.amountCents / 100).toFixed(2)} to the connected account (idempotency key: the request id)`,
  });
  try {
    const transfer = await sendStripeTransfer(input.requestId);
    if (transfer.outcome === 'failed') return { outcome: 'failed', reason: transfer.reason ?? 'Stripe refused the transfer' };
    return { outcome: 'paid', by: 'stripe' };
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    const why = err.cause?.message ?? err.message;
    await act('send to ops: the transfer outcome is unknown').sendPayoutToReview(input.requestId, `the Stripe transfer did not complete: ${why}`);
    return waitForOps(payout);
  }
}

async function waitForOps(payout: Payout): Promise<PayoutOutcome> {
  payout.stage = 'waiting_for_ops';
  await condition(() => payout.settledByOps !== undefined);
  const settled = payout.settledByOps!;
  return settled.outcome === 'paid' ? { outcome: 'paid', by: 'ops' } : { outcome: settled.outcome, reason: `settled by ops: ${settled.outcome}` };
}

/** Warns ops before the deadline and marks the breach when it passes, unless the payout settled first. */
async function keepThe24HourPromise(input: PayoutInput, payout: Payout): Promise<void> {
  const { warnAt, dueAt } = deadlineOf(input.requestedAt, input.policy);
  const settled = () => payout.stage === 'settled';
  if (await condition(settled, Math.max(0, warnAt - Date.now()), { summary: `payout warning at ${input.policy.warnAfter} after the request` })) return;
  payout.warned = true;
  await act(`warn ops: the payout is due in ${input.policy.deadline} from the request`).recordPayoutDeadlineEvent(input.requestId, 'warning');
  if (await condition(settled, Math.max(0, dueAt - Date.now()), { summary: `payout deadline ${input.policy.deadline} from the request` })) return;
  payout.breached = true;
  upsertSearchAttributes([{ key: searchAttributes.SlaBreached, value: true }]);
  await act('alert ops: the payout missed its deadline').recordPayoutDeadlineEvent(input.requestId, 'breach');
}
