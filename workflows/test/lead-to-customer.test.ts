import { randomUUID } from 'node:crypto';
import { paymentReceived } from '@guild/contracts';
import { customer, eventually, expert, ops } from '@guild/testkit';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadStateQuery } from '../src/lead-to-customer/messages.js';
import { recordHistory } from './histories.js';
import { startSalesStack, type SalesStack } from './sales-stack.js';

// The lead process against real PostgreSQL, NATS, Temporal and the mail sink, with its days scaled
// to seconds: the owner is reminded after 2 s without a meeting (or an outcome after the draft, or
// a choice of who serves the won customer), and a lead silent for 6 s is lost. A commission's
// refund window is 4 s.
const policy = { meetingReminderAfter: '2s', outcomeReminderAfter: '2s', silenceClosesAfter: '6s', handlingReminderAfter: '2s' };
const refundWindowSeconds = 4;

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
    expect(closed.body).toMatchObject({ stage: 'lost', lostReason: expect.stringContaining('no response') });
    // The silence counts from the lead's last change: the reminder did not push the close back.
    const silentMs = Date.parse(closed.body.stageChangedAt) - Date.parse(closed.body.createdAt);
    expect(silentMs).toBeGreaterThanOrEqual(6_000);
    expect(silentMs).toBeLessThan(8_000);
    for (const address of [stack.addressOf.ops, stack.addressOf.expert(ownerId)]) {
      expect((await stack.mailTo(address, `Lead ${companyName}: lost`)).text).toContain('no response');
    }
    await recordHistory('lead-lost-by-silence', lead);
  });

  it('on won opens the customer’s company with the contact as owner and their plan; the owner serves: the project starts with them as expert', async () => {
    const { leadId, ownerId, companyName, customerId, lead } = await wonLead('serve');

    const members = await stack.identity<{ items: { email: string; role: string }[] }>(ops, 'GET', `/companies/${customerId}/members`);
    expect(members.body.items).toEqual([expect.objectContaining({ email: expect.stringMatching(/^jane-.*@acme\.example$/), role: 'owner' })]);
    expect((await stack.billing(ops, 'GET', `/customers/${customerId}/balance`)).status).toBe(200);
    const projects = await stack.projects<{ items: { customerId: string; expertId: string; customerRateCents: number; status: string }[] }>(customer(customerId), 'GET', '/projects');
    expect(projects.body.items).toEqual([expect.objectContaining({ customerId, expertId: ownerId, customerRateCents: 6000 })]);
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

  it('a payment of the won customer earns the owner 25 %, pending for the refund window, then credited in their payout ledger', async () => {
    const { ownerId, customerId } = await wonLead('serve');

    const invoiceId = randomUUID();
    await stack.billingRecords(paymentReceived, { invoiceId, customerId, kind: 'period', period: '2026-11', amountCents: 48_000, currency: 'USD', stripeInvoiceId: 'in_sales_stack', paidAt: new Date().toISOString() });
    const line = await eventually('the commission is booked', async () => {
      const res = await stack.sales<{ lines: { id: string; amountCents: number; status: string }[] }>(expert(ownerId), 'GET', `/experts/${ownerId}/commissions`);
      return res.body.lines[0];
    });
    expect(line).toMatchObject({ amountCents: 12_000, status: 'pending' });
    const commission = await stack.commissionOf(line.id);
    started.push(commission);
    expect((await stack.payouts<{ items: unknown[] }>(ops, 'GET', `/experts/${ownerId}/ledger?limit=100`)).body.items).toEqual([]);

    expect(await commission.result()).toBe(12_000);
    const ledger = await stack.payouts<{ items: { kind: string; amountCents: number }[] }>(ops, 'GET', `/experts/${ownerId}/ledger?limit=100`);
    expect(ledger.body.items).toEqual([expect.objectContaining({ kind: 'commission_credited', amountCents: 12_000 })]);
    const after = await stack.sales<{ pendingCents: number; releasedCents: number; lines: { status: string }[] }>(expert(ownerId), 'GET', `/experts/${ownerId}/commissions`);
    expect(after.body).toMatchObject({ pendingCents: 0, releasedCents: 12_000, lines: [{ status: 'available' }] });
    await recordHistory('commission-released', commission);
  });
});
