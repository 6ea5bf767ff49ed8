import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serviceTokenSource } from '@guild/platform';
import { eventually, testJwtSecret } from '@guild/testkit';
import { Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The billing app with stripe-mock behind a counting proxy, as billing's own suite runs it.
import { balanceAndLedgerSum, drawApprovedWork, ops, postWebhook, signedStripeEvent, startBillingApp, stripePaysInvoice, type BillingApp } from '@guild/billing/testing';
import { monthlyBillingEventHandlers } from '../src/monthly-billing/bridge-handlers.js';
import { createMonthlyBillingActivities } from '../src/monthly-billing/activities.js';
import { customerBillingStageQuery } from '../src/monthly-billing/messages.js';
import { billingPolicySchema } from '../src/monthly-billing/policy.js';
import { billingCycle } from '../src/monthly-billing/workflow.js';
import { createServiceClient } from '../src/shared/service-client.js';
import { recordHistory } from './histories.js';
import { connectTestTemporal, workflowsPath } from './temporal.js';

let billing: BillingApp;
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
let server: ReturnType<BillingApp['app']['listen']>;
let worker: Worker;
let running: Promise<void>;
const policy = billingPolicySchema.parse({ firstReminderAfter: '1s', secondReminderAfter: '2s', pauseProjectsAfter: '3s' });

beforeAll(async () => {
  billing = await startBillingApp();
  temporal = await connectTestTemporal();
  server = billing.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const billingClient = createServiceClient('billing', `http://127.0.0.1:${(server.address() as AddressInfo).port}`, serviceTokenSource({ jwtSecret: testJwtSecret }));
  worker = await Worker.create({
    connection: temporal.workerConnection,
    taskQueue: temporal.taskQueue,
    workflowsPath,
    activities: createMonthlyBillingActivities({ services: { billing: billingClient } } as never),
  });
  running = worker.run();
});
afterEach(async () => {
  for (const customerId of ['acme', 'globex']) {
    const invariant = await balanceAndLedgerSum(billing, customerId);
    if (invariant) expect(invariant.balance).toBe(invariant.ledgerSum);
  }
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  server?.close();
  await temporal?.close();
  await billing?.close();
});

const approvedNow = (customerId: string, minutes: number, customerRateCents: number) => ({
  timeEntryId: randomUUID(),
  projectId: randomUUID(),
  customerId,
  expertId: 'alice',
  minutes,
  customerRateCents,
  expertRateCents: 3_000,
  currency: 'USD' as const,
  day: new Date().toISOString().slice(0, 10),
  approvedAt: new Date().toISOString(),
});

/**
 * Workflow ids are the business's (`billing-run-<period>`) and the Temporal server outlives a test
 * run, so each run bills a period of its own: a random month far ahead, which holds every draw
 * approved today. A second fire of the same period must find it billed.
 */
const randomFutureMonthEnd = () => new Date(Date.UTC(2100 + Math.floor(Math.random() * 900), Math.floor(Math.random() * 12), 1)).toISOString();
const monthEnd = randomFutureMonthEnd();

/** Delivers billing's recorded events to the bridge handlers, as the NATS bridge would. */
async function bridgeBillingEvents(subject: string) {
  const handlers = monthlyBillingEventHandlers({ client: temporal.client, taskQueue: temporal.taskQueue });
  const rows = await billing.db.prisma.outboxEvent.findMany({ where: { subject } });
  for (const row of rows) {
    await handlers[subject]!({ id: row.id, subject: row.subject, version: row.version, source: row.source, occurredAt: row.occurredAt.toISOString(), payload: row.payload });
  }
}

const startCycle = (tag: string) =>
  temporal.client.workflow.start(billingCycle, {
    workflowId: `billing-cycle-test-${tag}-${randomUUID()}`,
    taskQueue: temporal.taskQueue,
    args: [{ cadence: 'monthly', policy, endedBy: monthEnd }],
  });

describe('monthly billing', () => {
  it("bills the seeds' example through Stripe: $300 deposit, 10 h at $50/h → an invoice of exactly 20000 cents and a statement mail; a second fire bills nothing", async () => {
    await billing.as(ops).put('/customers/acme/plan', { plan: 'deposit', depositCents: 30_000 });
    const deposit = await billing.db.prisma.billingInvoice.findFirstOrThrow({ where: { customerId: 'acme', kind: 'deposit' } });
    await stripePaysInvoice(billing, deposit.stripeInvoiceId!);
    for (let i = 0; i < 10; i++) await drawApprovedWork(billing.deps, approvedNow('acme', 60, 5_000));

    const first = await startCycle('seeds');
    const cycled = await first.result();
    expect(cycled.started).toBe(true);
    const run = temporal.client.workflow.getHandle(`billing-run-${cycled.period}`);
    const progress = await run.result();
    expect(progress).toMatchObject({ total: 1, done: 1, invoiced: 1, invoicedCents: 20_000 });
    await recordHistory('billing-run-seeds', run);

    const invoice = await billing.db.prisma.billingInvoice.findFirstOrThrow({ where: { customerId: 'acme', kind: 'period' } });
    expect(invoice).toMatchObject({ amountCents: 20_000, status: 'open', period: cycled.period });
    const mail = await billing.db.prisma.outboundMail.findFirstOrThrow({ where: { template: 'billing.statement' } });
    expect(mail.data).toMatchObject({ period: cycled.period, drawnCents: 50_000, invoicedCents: 20_000 });
    expect(mail.recipients).toEqual([{ kind: 'company', companyId: 'acme' }]);

    const stripeWrites = billing.stripeProxy.writes.length;
    const again = await (await startCycle('duplicate-fire')).result();
    expect(again).toEqual({ period: cycled.period, started: false });
    expect(await billing.db.prisma.billingInvoice.count({ where: { customerId: 'acme', kind: 'period' } })).toBe(1);
    expect(billing.stripeProxy.writes.length).toBe(stripeWrites);

    // Paid: Stripe's webhook → billing.payment.received → the customer's process ends.
    await stripePaysInvoice(billing, invoice.stripeInvoiceId!);
    await bridgeBillingEvents('billing.payment.received');
    const customerProcess = temporal.client.workflow.getHandle(`billing-acme-${cycled.period}`);
    expect(await customerProcess.result()).toEqual({ invoiceId: invoice.id, outcome: 'paid' });
    await recordHistory('billing-customer-paid', customerProcess);
  });

  it('a failed payment is chased: two reminders, an ops alert, the projects paused, and resumed once paid', async () => {
    await billing.as(ops).put('/customers/globex/plan', { plan: 'pay_as_you_go', cadence: 'biweekly' });
    await drawApprovedWork(billing.deps, approvedNow('globex', 120, 6_000));
    const handle = await temporal.client.workflow.start(billingCycle, {
      workflowId: `billing-cycle-test-dunning-${randomUUID()}`,
      taskQueue: temporal.taskQueue,
      // The biweekly run bills globex alone (acme is monthly).
      args: [{ cadence: 'biweekly', policy, endedBy: randomFutureMonthEnd() }],
    });
    const { period } = await handle.result();
    const invoice = await eventually('the overage invoice is sent', async () => (await billing.db.prisma.billingInvoice.findFirst({ where: { customerId: 'globex', kind: 'period', status: 'open' } })) ?? undefined);
    expect(invoice.amountCents).toBe(12_000);

    billing.stripeProxy.show(invoice.stripeInvoiceId!, { status: 'open' });
    expect((await postWebhook(billing, signedStripeEvent('invoice.payment_failed', { id: invoice.stripeInvoiceId, object: 'invoice' }))).status).toBe(200);
    await bridgeBillingEvents('billing.payment.failed');

    const customerProcess = temporal.client.workflow.getHandle(`billing-globex-${period}`);
    await eventually('the projects are paused', async () => ((await customerProcess.query(customerBillingStageQuery)) === 'projects_paused' ? true : undefined), { timeoutMs: 20_000 });
    const mails = await billing.db.prisma.outboundMail.findMany({ where: { idempotencyKey: { contains: invoice.id } }, orderBy: { createdAt: 'asc' } });
    expect(mails.map((m) => m.template)).toEqual(['billing.payment-reminder', 'billing.payment-reminder', 'billing.overdue-invoice-alert', 'billing.projects-paused']);
    expect(await billing.db.prisma.outboxEvent.count({ where: { subject: 'billing.customer.suspended' } })).toBe(1);

    await stripePaysInvoice(billing, invoice.stripeInvoiceId!);
    await bridgeBillingEvents('billing.payment.received');
    expect(await customerProcess.result()).toEqual({ invoiceId: invoice.id, outcome: 'paid' });
    expect(await billing.db.prisma.outboxEvent.count({ where: { subject: 'billing.customer.reinstated' } })).toBe(1);
    await recordHistory('billing-customer-dunning', customerProcess);
  });
});
