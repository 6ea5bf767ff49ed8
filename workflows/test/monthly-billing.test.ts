import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import { createLogger, serviceTokenSource } from '@guild/platform';
import { handleBillingStanding } from '@guild/projects/billing-standing';
import { createServer as createProjectsServer } from '@guild/projects/server';
import { callerAs, eventually, testJwtSecret } from '@guild/testkit';
import { Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The billing app with stripe-mock behind a counting proxy, as billing's own suite runs it.
import { balanceAndLedgerSum, drawApprovedWork, ops, postWebhook, service, signedStripeEvent, startBillingApp, stripePaysInvoice, type BillingApp } from '@guild/billing/testing';
import { monthlyBillingEventHandlers } from '../src/monthly-billing/bridge-handlers.js';
import { createMonthlyBillingActivities } from '../src/monthly-billing/activities.js';
import { billingRunProgressQuery, customerBillingStageQuery } from '../src/monthly-billing/messages.js';
import { billingPolicySchema } from '../src/monthly-billing/policy.js';
import { billingCycle } from '../src/monthly-billing/workflow.js';
import { createServiceClient } from '../src/shared/service-client.js';
import { recordHistory } from './histories.js';
import { connectTestTemporal, workflowsPath } from './temporal.js';

let billing: BillingApp;
let projectsDb: TestDatabase;
let projectsAs: ReturnType<typeof callerAs>;
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
let server: ReturnType<BillingApp['app']['listen']>;
let worker: Worker;
let running: Promise<void>;
const policy = billingPolicySchema.parse({ firstReminderAfter: '1s', secondReminderAfter: '2s', pauseProjectsAfter: '3s' });

beforeAll(async () => {
  billing = await startBillingApp();
  projectsDb = await createTestDatabase();
  projectsAs = callerAs(
    createProjectsServer({
      prisma: projectsDb.prisma,
      logger: createLogger('projects-test', 'silent'),
      jwtSecret: testJwtSecret,
      readiness: {},
      settings: { rescheduleNoticeHours: 12, npsLinkKey: 'nps-test-key-0123456789abcdef', publicUrl: 'http://127.0.0.1:4030' },
    }),
  );
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
  for (const customerId of ['acme', 'globex', 'initech']) {
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
  await projectsDb?.drop();
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

/** Delivers billing's suspensions and reinstatements to the projects service's consumer, as NATS would. */
async function deliverToProjects(subject: string) {
  const handle = handleBillingStanding(projectsDb.prisma, createLogger('projects-test', 'silent'));
  for (const row of await billing.db.prisma.outboxEvent.findMany({ where: { subject } })) {
    await handle({ id: row.id, subject: row.subject, version: row.version, source: row.source, occurredAt: row.occurredAt.toISOString(), payload: row.payload });
  }
}

async function activeGlobexProject() {
  const created = await projectsAs(ops).post('/projects', {
    title: 'Billing portal',
    customerId: 'globex',
    expertId: 'alice',
    customerRateCents: 6_000,
    expertRateCents: 4_000,
    talentRegion: 'eu_asia',
    budget: { kind: 'per_week', minutes: 20 * 60 },
    weekStartDay: 'monday',
    timeZone: 'Europe/Warsaw',
    billingMode: 'pay_as_you_go',
  });
  expect(created.status).toBe(201);
  expect((await projectsAs(ops).post(`/projects/${created.body.id}/activation`)).status).toBe(200);
  return created.body.id as string;
}
const projectStatus = async (projectId: string) => (await projectsAs(ops).get(`/projects/${projectId}`)).body.status as string;

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
    const projectId = await activeGlobexProject();
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
    await deliverToProjects('billing.customer.suspended');
    expect(await projectStatus(projectId)).toBe('paused');
    expect(await projectsDb.prisma.outboxEvent.count({ where: { subject: 'projects.project.paused', payload: { path: ['projectId'], equals: projectId } } })).toBe(1);

    await stripePaysInvoice(billing, invoice.stripeInvoiceId!);
    await bridgeBillingEvents('billing.payment.received');
    expect(await customerProcess.result()).toEqual({ invoiceId: invoice.id, outcome: 'paid' });
    expect(await billing.db.prisma.outboxEvent.count({ where: { subject: 'billing.customer.reinstated' } })).toBe(1);
    await deliverToProjects('billing.customer.reinstated');
    expect(await projectStatus(projectId)).toBe('active');
    await recordHistory('billing-customer-dunning', customerProcess);
  });

  it('an overage above the threshold waits as a draft until ops approve it, then goes out', async () => {
    await billing.as(ops).put('/customers/initech/plan', { plan: 'pay_as_you_go', cadence: 'monthly', overageApprovalCents: 10_000 });
    await drawApprovedWork(billing.deps, approvedNow('initech', 180, 5_000));
    // A month of its own: the first test's month is billed already.
    const cycle = await temporal.client.workflow.start(billingCycle, {
      workflowId: `billing-cycle-test-approval-${randomUUID()}`,
      taskQueue: temporal.taskQueue,
      args: [{ cadence: 'monthly', policy, endedBy: randomFutureMonthEnd() }],
    });
    const invoice = await eventually('the overage drafted for approval', async () =>
      (await billing.db.prisma.billingInvoice.findFirst({ where: { customerId: 'initech', kind: 'period', status: 'awaiting_approval', stripeInvoiceId: { not: null } } })) ?? undefined,
    );
    const customerProcess = temporal.client.workflow.getHandle(`billing-initech-${invoice.period}`);
    await eventually('the process waits for ops', async () => ((await customerProcess.query(customerBillingStageQuery)) === 'awaiting_approval' ? true : undefined));

    // Waiting: a draft at Stripe, never finalised or sent; ops are asked; the run counts initech as not done.
    expect(invoice.amountCents).toBe(15_000);
    expect(billing.stripeProxy.writesTo(new RegExp(`/v1/invoices/${invoice.stripeInvoiceId}/(finalize|send)`))).toBe(0);
    const ask = await billing.db.prisma.outboundMail.findFirstOrThrow({ where: { template: 'billing.overage-approval' } });
    expect(ask.recipients).toEqual([{ kind: 'ops' }]);
    expect(ask.data).toMatchObject({ customerId: 'initech', invoiceId: invoice.id, amountCents: 15_000, thresholdCents: 10_000 });
    expect((await billing.as(service).post(`/invoices/${invoice.id}/issue`, { idempotencyKey: 'not-approved' })).status).toBe(409);
    expect((await billing.as(service).post(`/invoices/${invoice.id}/approval`)).status).toBe(403);
    const run = temporal.client.workflow.getHandle(`billing-run-${invoice.period}`);
    const waiting = await run.query(billingRunProgressQuery);
    expect(waiting.done).toBeLessThan(waiting.total);
    expect(waiting.failed).toEqual([]);

    const approval = await billing.as(ops).post(`/invoices/${invoice.id}/approval`);
    expect(approval.status).toBe(200);
    expect(approval.body).toMatchObject({ id: invoice.id, status: 'draft' });
    await bridgeBillingEvents('billing.overage.approved');

    expect(await cycle.result()).toEqual({ period: invoice.period, started: true });
    expect(await run.result()).toMatchObject({ invoiced: 1, invoicedCents: 15_000 });
    const sent = await billing.db.prisma.billingInvoice.findUniqueOrThrow({ where: { id: invoice.id } });
    expect(sent).toMatchObject({ status: 'open', approvedBy: 'ops-1' });
    expect(billing.stripeProxy.writesTo(new RegExp(`/v1/invoices/${invoice.stripeInvoiceId}/(finalize|send)`))).toBe(2);
    expect(await customerProcess.query(customerBillingStageQuery)).toBe('awaiting_payment');
    await customerProcess.terminate('the test ends before the customer pays');
  });

  it('a run of many customers continues as new past its history limit, carrying its progress, and bills each customer once', async () => {
    const many = Array.from({ length: 30 }, (_, i) => `bulk-${i}-${randomUUID().slice(0, 8)}`);
    for (const customerId of many) expect((await billing.as(ops).put(`/customers/${customerId}/plan`, { plan: 'pay_as_you_go', cadence: 'monthly' })).status).toBe(200);
    // About 8 history events a customer: 30 customers pass a limit of 100 events more than once.
    const small = billingPolicySchema.parse({ ...policy, rollOverAfterEvents: 100, concurrentCustomers: 5 });
    const cycle = await temporal.client.workflow.start(billingCycle, {
      workflowId: `billing-cycle-test-rollover-${randomUUID()}`,
      taskQueue: temporal.taskQueue,
      args: [{ cadence: 'monthly', policy: small, endedBy: randomFutureMonthEnd() }],
    });
    const { period } = await cycle.result();
    const run = temporal.client.workflow.getHandle(`billing-run-${period}`);
    const progress = await run.result();
    const monthly = await billing.db.prisma.billingAccount.count({ where: { cadence: 'monthly' } });
    expect(progress).toMatchObject({ total: monthly, done: monthly, failed: [] });

    // The last run was continued from an earlier one, and carried what that one had done.
    const [started] = (await run.fetchHistory()).events!;
    expect(started!.workflowExecutionStartedEventAttributes!.continuedExecutionRunId).toBeTruthy();
    const statements = await billing.db.prisma.billingStatement.groupBy({ by: ['customerId'], where: { period, customerId: { in: many } }, _count: true });
    expect(statements.map((s) => s._count)).toEqual(many.map(() => 1));
    await recordHistory('billing-run-continued', run);
  });
});
