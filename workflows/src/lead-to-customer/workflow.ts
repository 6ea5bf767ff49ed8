import { condition, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import { serviceCall } from '../shared/activity-presets.js';
import { durationMs } from '../shared/duration.js';
import type { createLeadToCustomerActivities } from './activities.js';
import type { CommissionInput, LeadHandling, LeadInput, LeadStage } from './input.js';
import { leadHandlingSignal, leadStageSignal, leadStateQuery } from './messages.js';

const { remindLeadOwner, closeSilentLead, openCustomerCompany, setCustomerPlan, startServedProject, postJobForPool, releaseCommissions } = proxyActivities<
  ReturnType<typeof createLeadToCustomerActivities>
>(serviceCall);

const isClosed = (stage: LeadStage) => stage === 'won' || stage === 'lost';
const stageOrder: Record<LeadStage, number> = { new: 0, meeting_booked: 1, offer_presented: 2, draft_sent: 3, won: 4, lost: 4 };

/**
 * `lead-<leadId>`: follows the sale from first contact to won or lost. Reminds the owner when no
 * meeting is booked and when a draft has no outcome; closes the lead as lost after a silence. On
 * won: the customer's company and plan, then the owner's choice — their project, or a job for the pool.
 */
export async function leadToCustomer(input: LeadInput): Promise<{ outcome: 'won' | 'lost'; customerId: string | null }> {
  const { policy } = input;
  let stage = 'new' as LeadStage;
  let changes = 0;
  let handling = null as LeadHandling | null;
  let customerId: string | null = null;
  setHandler(leadStageSignal, (s) => {
    // Stages only move forward; a late redelivery of an earlier one changes nothing.
    if (!isClosed(stage) && stageOrder[s.stage] >= stageOrder[stage]) {
      stage = s.stage;
      changes += 1;
    }
  });
  setHandler(leadHandlingSignal, (h) => {
    handling ??= h.handling;
  });
  setHandler(leadStateQuery, () => ({ stage, customerId, handling }));

  // The sale: every change restarts the silence clock; a reminder falls within the silence, it does not extend it.
  let remindedOfMeeting = false;
  let remindedOfOutcome = false;
  const silenceMs = durationMs(policy.silenceClosesAfter);
  while (!isClosed(stage)) {
    const seen = changes;
    const moved = () => changes !== seen;
    const reminder = stage === 'new' && !remindedOfMeeting ? policy.meetingReminderAfter : stage === 'draft_sent' && !remindedOfOutcome ? policy.outcomeReminderAfter : null;
    let quietMs = 0;
    if (reminder && durationMs(reminder) < silenceMs) {
      if (await condition(moved, reminder)) continue;
      await remindLeadOwner(input.leadId, stage === 'new' ? 'no_meeting' : 'no_outcome');
      if (stage === 'new') remindedOfMeeting = true;
      else remindedOfOutcome = true;
      quietMs = durationMs(reminder);
    }
    if (await condition(moved, silenceMs - quietMs)) continue;
    await closeSilentLead(input.leadId, policy.silenceClosesAfter);
    // Sales answers with the stage change (lost, or the outcome that beat the close).
    await condition(moved);
  }
  if (stage === 'lost') return { outcome: 'lost', customerId: null };

  // Won: the customer exists before anyone works for them.
  customerId = await openCustomerCompany(input.leadId);
  await setCustomerPlan(customerId);
  // The customer needs an expert within 24 hours: an owner who has not chosen is reminded.
  if (!(await condition(() => handling !== null, policy.handlingReminderAfter))) {
    await remindLeadOwner(input.leadId, 'no_handling');
    await condition(() => handling !== null);
  }
  if (handling === 'serve') await startServedProject(input.leadId, customerId);
  else await postJobForPool(input.leadId, customerId, new Date(workflowInfo().runStartTime).toISOString().slice(0, 10));
  return { outcome: 'won', customerId };
}

/**
 * `commission-<lineId>`: a commission's refund window. When it ends, the expert's matured
 * commissions, net of clawbacks, reach their payout balance.
 */
export async function commissionRelease(input: CommissionInput): Promise<number> {
  await sleep(Math.max(0, new Date(input.availableAt).getTime() - workflowInfo().runStartTime.getTime()));
  return releaseCommissions(input.expertId);
}
