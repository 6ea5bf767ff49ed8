import { randomUUID } from 'node:crypto';
import { postWebhook, signedStripeEvent, stripePaysInvoice } from '@guild/billing/testing';
import { customer, eventually, expert, ops } from '@guild/testkit';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadStateQuery } from '../src/lead-to-customer/messages.js';
import { customerBillingWorkflowId } from '../src/monthly-billing/input.js';
import { customerBillingStageQuery } from '../src/monthly-billing/messages.js';
import { billingPolicySchema } from '../src/monthly-billing/policy.js';
import { billingCycle } from '../src/monthly-billing/workflow.js';
import { recordHistory } from './histories.js';
import { startSalesStack, type SalesStack } from './sales-stack.js';

// The lead process against real PostgreSQL, NATS, Temporal and the mail sink, with its days scaled
// to seconds: the owner is reminded after 2 s without a meeting (or an outcome after the draft, or
// a choice of who serves the won customer), and a lead silent for 6 s is lost. A commission's
// refund window is 10 s: long enough for a refund test to claw back within it on a loaded machine.
const policy = { meetingReminderAfter: '2s', outcomeReminderAfter: '2s', silenceClosesAfter: '6s', handlingReminderAfter: '2s' };
const refundWindowSeconds = 10;

let stack: SalesStack;
const started: WorkflowHandle[] = [];
beforeAll(async () => {
  stack = await startSalesStack({ lead: policy, refundWindowSeconds });
});
afterAll(async () => {
  // Nothing this file started keeps running on the shared Temporal server.
  for (const handle of started) await handle.terminate('test file finished').catch(() => undefined);
  await stack?.stop();
});

/** An expert of this test alone, and a lead they bring. */
async function leadOfNewExpert() {
  const run = randomUUID().slice(0, 8);
  const ownerId = `seller-${run}`;
  const companyName = `Acme ${run}`;
  const created = await stack.sales<{ id: string }>(expert(ownerId), 'POST', '/leads', {
    companyName,
    contactName: 'Jane Roe',
    contactEmail: `jane-${run}@acme.example`,
    needs: 'A HubSpot set-up and a weekly sales report',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const lead = await stack.leadOf(created.body.id);
  started.push(lead);
  return { leadId: created.body.id, ownerId, companyName, lead };
}

/** The sale through the API up to the draft mailed to the contact. */
async function sellUpToDraft(leadId: string, ownerId: string) {
  const owner = expert(ownerId);
  for (const [path, body] of [
    ['meeting', { startsAt: '2026-12-01T10:00:00Z', minutes: 45 }],
    ['offer', { rateCents: 6000, hours: 40, talentRegion: 'eu_asia' }],
    ['draft', { tasks: [{ title: 'Set up HubSpot', estimateHours: 12 }, { title: 'The weekly report', estimateHours: 6 }] }],
  ] as const) {
    const res = await stack.sales(owner, 'POST', `/leads/${leadId}/${path}`, body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  }
}

/** The contact accepts the draft on the page its mailed link opens (the token rides after `#`). */
async function contactAccepts(leadId: string) {
  const mail = await stack.db.prisma.outboundMail.findFirstOrThrow({ where: { source: 'sales', template: 'sales.project-draft', idempotencyKey: { startsWith: `lead-draft:${leadId}:` } } });
  const token = decodeURIComponent((mail.data as { acceptUrl: string }).acceptUrl.split('#token=')[1]!);
  const res = await fetch(new URL('/drafts/accept', stack.salesUrl), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() });
  expect(res.status).toBe(200);
}

/** A lead won and its customer opened, served as the owner chooses (at once, or once reminded to). */
async function wonLead(handling: 'serve' | 'pass_to_pool', opts: { afterReminder?: boolean } = {}) {
  const sale = await leadOfNewExpert();
  await sellUpToDraft(sale.leadId, sale.ownerId);
  await contactAccepts(sale.leadId);
  if (opts.afterReminder) {
    const reminder = await stack.mailTo(stack.addressOf.expert(sale.ownerId), `${sale.companyName} is waiting: serve them or pass them to the pool`);
    expect(reminder.text).toContain('within 24 hours');
  }
  const chosen = await eventually('the lead is won', async () => {
    const res = await stack.sales(expert(sale.ownerId), 'POST', `/leads/${sale.leadId}/handling`, { handling });
    return res.status === 200 ? res : undefined;
  });
  expect(chosen.body).toMatchObject({ stage: 'won', handling });
  const outcome = await sale.lead.result();
  expect(outcome).toEqual({ outcome: 'won', customerId: expect.any(String) });
  return { ...sale, customerId: outcome.customerId! };
}

describe('lead to customer', () => {
  it('reminds the owner of a lead with no meeting, closes it as lost after the silence and tells ops and the owner', async () => {
    const { leadId, ownerId, companyName, lead } = await leadOfNewExpert();

    const reminder = await stack.mailTo(stack.addressOf.expert(ownerId), `Book the sales meeting with ${companyName}`);
    expect(reminder.text).toContain(leadId);
    expect(await lead.query(leadStateQuery)).toMatchObject({ stage: 'new' });

    expect(await lead.result()).toEqual({ outcome: 'lost', customerId: null });
    const closed = await stack.sales<{ stage: string; lostReason: string; createdAt: string; stageChangedAt: string }>(ops, 'GET', `/leads/${leadId}`);
    // The reason names the silence the policy set (6 s here, 30 days in production).
    expect(closed.body).toMatchObject({ stage: 'lost', lostReason: 'no response for 6 seconds' });
    // The silence counts from the lead's last change: the reminder did not push the close back.
    const silentMs = Date.parse(closed.body.stageChangedAt) - Date.parse(closed.body.createdAt);
    expect(silentMs).toBeGreaterThanOrEqual(6_000);
    expect(silentMs).toBeLessThan(8_000);
    for (const address of [stack.addressOf.ops, stack.addressOf.expert(ownerId)]) {
      expect((await stack.mailTo(address, `Lead ${companyName}: lost`)).text).toContain('no response for 6 seconds');
    }
    await recordHistory('lead-lost-by-silence', lead);
  });

  it('on won opens the customer’s company with the contact as owner and their plan; the owner serves: the project starts with them as expert', async () => {
    const { leadId, ownerId, companyName, customerId, lead } = await wonLead('serve');

    const members = await stack.identity<{ items: { email: string; role: string }[] }>(ops, 'GET', `/companies/${customerId}/members`);
    expect(members.body.items).toEqual([expect.objectContaining({ email: expect.stringMatching(/^jane-.*@acme\.example$/), role: 'owner' })]);
    expect((await stack.billing(ops, 'GET', `/customers/${customerId}/balance`)).status).toBe(200);
    const projects = await stack.projects<{ items: { id: string; customerId: string; expertId: string; customerRateCents: number; status: string }[] }>(customer(customerId), 'GET', '/projects');
    expect(projects.body.items).toEqual([expect.objectContaining({ customerId, expertId: ownerId, customerRateCents: 6000 })]);
    // The seller earns what a hire would: the offered rate without the platform's 30 % margin.
    const asOps = await stack.projects<{ expertRateCents: number }>(ops, 'GET', `/projects/${projects.body.items[0]!.id}`);
    expect(asOps.body.expertRateCents).toBe(4615);
    expect((await stack.sales<{ customerId: string }>(ops, 'GET', `/leads/${leadId}`)).body.customerId).toBe(customerId);
    for (const address of [stack.addressOf.ops, stack.addressOf.expert(ownerId)]) await stack.mailTo(address, `Lead ${companyName}: won`);
    await recordHistory('lead-won-served', lead);
  });

  it('on won the owner who has not chosen is reminded; passed to the pool, a job is posted for the customer and hiring starts for it', async () => {
    const { companyName, customerId, lead } = await wonLead('pass_to_pool', { afterReminder: true });

    const jobs = await stack.marketplace<{ items: { id: string; title: string; status: string }[] }>(customer(customerId), 'GET', '/jobs');
    expect(jobs.body.items).toEqual([expect.objectContaining({ title: companyName })]);
    started.push(await stack.hiringOf(jobs.body.items[0]!.id));
    expect((await stack.projects<{ items: unknown[] }>(customer(customerId), 'GET', '/projects')).body.items).toEqual([]);
    await recordHistory('lead-won-passed-to-pool', lead);
  });

  it('reminds the owner of a draft with no outcome; the owner reports it lost and ops and the owner are told', async () => {
    const { leadId, ownerId, companyName, lead } = await leadOfNewExpert();
    await sellUpToDraft(leadId, ownerId);

    const reminder = await stack.mailTo(stack.addressOf.expert(ownerId), `What came of the draft for ${companyName}?`);
    expect(reminder.text).toContain(leadId);
    expect(await lead.query(leadStateQuery)).toMatchObject({ stage: 'draft_sent' });
    // An outcome is the owner's to report: another expert is told the lead does not exist.
    expect((await stack.sales(expert(`other-${ownerId}`), 'POST', `/leads/${leadId}/outcome`, { outcome: 'lost', reason: 'x' })).status).toBe(404);

    const reported = await stack.sales(expert(ownerId), 'POST', `/leads/${leadId}/outcome`, { outcome: 'lost', reason: 'They hired in-house' });
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    expect(await lead.result()).toEqual({ outcome: 'lost', customerId: null });
    for (const address of [stack.addressOf.ops, stack.addressOf.expert(ownerId)]) {
      expect((await stack.mailTo(address, `Lead ${companyName}: lost`)).text).toContain('They hired in-house');
    }
    await recordHistory('lead-lost-after-draft-reminder', lead);
  });

  it('approved hours of the won customer, billed through Stripe and paid by a signed webhook, earn the owner exactly 25 %: pending for the refund window, then in their payout ledger', async () => {
    const { ownerId, customerId } = await wonLead('serve');
    await approvedHours(ownerId, customerId, 8 * 60);
    const invoice = await billedAndPaid(customerId, 8 * 60 * 100);

    const line = await commissionLine(ownerId, (l) => l.originalId === null);
    expect(line).toMatchObject({ amountCents: 12_000, status: 'pending', invoiceId: invoice.id, customerId });
    const commission = await stack.commissionOf(line.id);
    started.push(commission);
    expect(await payoutLedger(ownerId)).toEqual([]);

    expect(await commission.result()).toBe(12_000);
    expect(await payoutLedger(ownerId)).toEqual([expect.objectContaining({ kind: 'commission_credited', amountCents: 12_000 })]);
    const after = await commissionsOf(ownerId);
    expect(after).toMatchObject({ pendingCents: 0, releasedCents: 12_000, carriedCents: 0, lines: [{ status: 'available' }] });
    await recordHistory('commission-released', commission);
  });

  it('refunds claw the commission back through Stripe’s webhooks: a partial one its share once, however often Stripe tells it; the rest after the release carries forward', async () => {
    const { ownerId, customerId } = await wonLead('serve');
    await approvedHours(ownerId, customerId, 4 * 60);
    const invoice = await billedAndPaid(customerId, 4 * 60 * 100);
    const original = await commissionLine(ownerId, (l) => l.originalId === null);
    expect(original.amountCents).toBe(6_000);
    const commission = await stack.commissionOf(original.id);
    started.push(commission);

    // A quarter of the $240 refunded, within the window: Stripe's event, its redelivery and a new event for the same refund.
    const chargeId = `ch_${randomUUID().replaceAll('-', '')}`;
    stack.billingApp.stripeProxy.show(chargeId, { amount_refunded: 6_000, metadata: { guild_invoice_id: invoice.id } });
    const partial = signedStripeEvent('charge.refunded', { id: chargeId, object: 'charge' });
    for (const event of [partial, partial, signedStripeEvent('charge.refunded', { id: chargeId, object: 'charge' })]) expect((await postWebhook(stack.billingApp, event)).status).toBe(200);
    const clawback = await commissionLine(ownerId, (l) => l.originalId === original.id);
    expect(clawback).toMatchObject({ amountCents: -1_500, status: 'clawback', refundId: `${chargeId}:6000` });

    // The window ends: what reaches the payout balance is the commission net of its clawback.
    expect(await commission.result()).toBe(4_500);
    expect(await payoutLedger(ownerId)).toEqual([expect.objectContaining({ kind: 'commission_credited', amountCents: 4_500 })]);

    // The rest refunded after the release: its share is taken back as a new line, and the balance owed carries forward.
    stack.billingApp.stripeProxy.show(chargeId, { amount_refunded: 24_000 });
    expect((await postWebhook(stack.billingApp, signedStripeEvent('charge.refunded', { id: chargeId, object: 'charge' }))).status).toBe(200);
    await commissionLine(ownerId, (l) => l.refundId === `${chargeId}:24000`);
    const after = await commissionsOf(ownerId);
    expect(after.lines.map((l) => [l.amountCents, l.originalId, l.refundId])).toEqual([
      [-4_500, original.id, `${chargeId}:24000`],
      [-1_500, original.id, `${chargeId}:6000`],
      [6_000, null, null],
    ]);
    expect(after).toMatchObject({ pendingCents: 0, releasedCents: 4_500, carriedCents: -4_500 });
    // Nothing is taken out of the payout ledger: the debt is netted against later commissions.
    expect(await payoutLedger(ownerId)).toEqual([expect.objectContaining({ kind: 'commission_credited', amountCents: 4_500 })]);
  });
});

interface CommissionLineView {
  id: string;
  customerId: string;
  amountCents: number;
  invoiceId: string;
  originalId: string | null;
  refundId: string | null;
  status: string;
}
const commissionsOf = async (expertId: string) =>
  (await stack.sales<{ pendingCents: number; releasedCents: number; carriedCents: number; lines: CommissionLineView[] }>(expert(expertId), 'GET', `/experts/${expertId}/commissions`)).body;
const commissionLine = (expertId: string, which: (line: CommissionLineView) => boolean) =>
  eventually(`a commission line of ${expertId}`, async () => (await commissionsOf(expertId)).lines.find(which));
const payoutLedger = async (expertId: string) => (await stack.payouts<{ items: { kind: string; amountCents: number }[] }>(ops, 'GET', `/experts/${expertId}/ledger?limit=100`)).body.items;

/** The owner reports `minutes` on the project the lead opened and the customer approves the week; billing draws it. */
async function approvedHours(ownerId: string, customerId: string, minutes: number) {
  const [project] = (await stack.projects<{ items: { id: string; currentWeekStart: string; customerRateCents: number }[] }>(customer(customerId), 'GET', '/projects')).body.items;
  const task = await stack.projects<{ id: string }>(expert(ownerId), 'POST', `/projects/${project!.id}/tasks`, { title: 'Set up HubSpot', estimateMinutes: minutes });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  const entry = await stack.projects(expert(ownerId), 'POST', `/projects/${project!.id}/time-entries`, { taskId: task.body.id, day: project!.currentWeekStart, minutes });
  expect(entry.status, JSON.stringify(entry.body)).toBe(201);
  const approval = await stack.projects(customer(customerId), 'POST', `/projects/${project!.id}/weeks/${project!.currentWeekStart}/approval`, { disputes: [] });
  expect(approval.status, JSON.stringify(approval.body)).toBe(200);
  const owed = -(minutes * project!.customerRateCents) / 60;
  await eventually('billing draws the approved hours', async () => {
    const balance = await stack.billing<{ balanceCents: number }>(ops, 'GET', `/customers/${customerId}/balance`);
    return balance.body.balanceCents === owed ? true : undefined;
  });
}

/**
 * A monthly billing run (its period a random month far ahead, which holds every draw approved
 * today, so runs of earlier test runs never collide) invoices the customer's overage through
 * stripe-mock; Stripe shows the invoice paid and posts the signed `invoice.paid` webhook.
 */
async function billedAndPaid(customerId: string, amountCents: number) {
  const endedBy = new Date(Date.UTC(2100 + Math.floor(Math.random() * 900), Math.floor(Math.random() * 12), 1)).toISOString();
  const cycle = await stack.temporal.client.workflow.start(billingCycle, {
    workflowId: `billing-cycle-sales-${randomUUID()}`,
    taskQueue: stack.temporal.taskQueue,
    args: [{ cadence: 'monthly', policy: billingPolicySchema.parse({}), endedBy }],
  });
  const { period } = await cycle.result();
  const billing = stack.temporal.client.workflow.getHandle(customerBillingWorkflowId(customerId, period));
  started.push(billing);
  await eventually('the invoice is sent', async () => ((await billing.query(customerBillingStageQuery)) === 'awaiting_payment' ? true : undefined));
  const invoice = await stack.billingApp.db.prisma.billingInvoice.findFirstOrThrow({ where: { customerId, kind: 'period' } });
  expect(invoice).toMatchObject({ amountCents, status: 'open', stripeInvoiceId: expect.stringMatching(/^in_/) });

  await stripePaysInvoice(stack.billingApp, invoice.stripeInvoiceId!);
  expect(await billing.result()).toEqual({ invoiceId: invoice.id, outcome: 'paid' });
  return invoice;
}
