import { randomUUID } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { balanceAndLedgerSum, drawApprovedWork, ops, startBillingApp, type BillingApp } from '@guild/billing/testing';
import { listenOnFreePort } from '@guild/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingPolicySchema } from '../src/monthly-billing/policy.js';
import { billingCycle } from '../src/monthly-billing/workflow.js';
import { connectTestTemporal } from './temporal.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

// A billing run of 50 customers with its worker killed (SIGKILL) in the middle. The 20th invoice
// is issued (finalised and sent at Stripe, booked in the ledger) but its answer is held until the
// worker is dead, so nobody hears it; other steps are cut off wherever they were. A new worker finishes the
// run: every customer must be billed exactly once, in the ledger and at Stripe.
const CUSTOMERS = Array.from({ length: 50 }, (_, i) => `crash-${String(i + 1).padStart(2, '0')}`);
const overageOf = (i: number) => 5_000 + i * 100;

let billing: BillingApp;
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
let http: Awaited<ReturnType<typeof listenOnFreePort>>;
const workers: WorkerProcess[] = [];

let issues = 0;
let reachHeldIssue: () => void;
const heldIssueReached = new Promise<void>((resolve) => (reachHeldIssue = resolve));
let releaseHeldIssue: () => void;
const heldIssueReleased = new Promise<void>((resolve) => (releaseHeldIssue = resolve));
let heldInvoiceId: string;

beforeAll(async () => {
  billing = await startBillingApp();
  temporal = await connectTestTemporal();
  // The 20th issue commits, but its answer is held until the worker that asked is dead.
  const holdingTwentiethIssueAnswer: RequestListener = (req, res) => {
    if (req.method === 'POST' && /^\/invoices\/[^/]+\/issue$/.test(req.url ?? '') && ++issues === 20) {
      heldInvoiceId = req.url!.split('/')[2]!;
      const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
      res.end = ((...args: unknown[]) => {
        reachHeldIssue();
        void heldIssueReleased.then(() => end(...args));
        return res;
      }) as typeof res.end;
    }
    billing.app(req, res);
  };
  http = await listenOnFreePort(holdingTwentiethIssueAnswer);
});
afterAll(async () => {
  releaseHeldIssue();
  for (const worker of workers) await worker.kill();
  await http?.close();
  await temporal?.close();
  await billing?.close();
});

describe('a billing run when its worker is killed mid-run', () => {
  it('bills each of 50 customers exactly once after a restarted worker finishes the run', { timeout: 170_000 }, async () => {
    for (const [i, customerId] of CUSTOMERS.entries()) {
      expect((await billing.as(ops).put(`/customers/${customerId}/plan`, { plan: 'pay_as_you_go', cadence: 'monthly' })).status).toBe(200);
      const today = new Date().toISOString();
      await drawApprovedWork(billing.deps, { timeEntryId: randomUUID(), projectId: randomUUID(), customerId, expertId: 'alice', minutes: 60, customerRateCents: overageOf(i), expertRateCents: 3_000, currency: 'USD', day: today.slice(0, 10), approvedAt: today });
    }
    const writesBefore = billing.stripeProxy.writes.length;

    workers.push(await startWorkerProcess(temporal.taskQueue, { BILLING_URL: http.baseUrl }));
    // A month of its own far ahead (workflow ids outlive a test run on the shared server); it holds today's draws.
    const endedBy = new Date(Date.UTC(2100 + Math.floor(Math.random() * 900), Math.floor(Math.random() * 12), 1)).toISOString();
    const cycle = await temporal.client.workflow.start(billingCycle, {
      workflowId: `billing-cycle-test-crash-${randomUUID()}`,
      taskQueue: temporal.taskQueue,
      args: [{ cadence: 'monthly', policy: billingPolicySchema.parse({}), endedBy }],
    });
    await heldIssueReached;
    await workers[0]!.kill();
    releaseHeldIssue();
    // The invoice went out, but the worker that asked never heard so.
    expect((await billing.db.prisma.billingInvoice.findUniqueOrThrow({ where: { id: heldInvoiceId } })).status).toBe('open');
    expect(await billing.db.prisma.billingLedgerEntry.count({ where: { kind: 'invoice_issued' } })).toBeLessThan(CUSTOMERS.length);

    workers.push(await startWorkerProcess(temporal.taskQueue, { BILLING_URL: http.baseUrl }));
    const { period, started } = await cycle.result();
    expect(started).toBe(true);
    const progress = await temporal.client.workflow.getHandle(`billing-run-${period}`).result();
    const expectedCents = CUSTOMERS.reduce((sum, _, i) => sum + overageOf(i), 0);
    expect(progress).toMatchObject({ total: 50, done: 50, invoiced: 50, invoicedCents: expectedCents, failed: [] });

    // The ledger: one issued invoice per customer, for its overage.
    const issued = await billing.db.prisma.billingLedgerEntry.groupBy({ by: ['customerId'], where: { kind: 'invoice_issued' }, _count: true, _sum: { amountCents: true }, orderBy: { customerId: 'asc' } });
    expect(issued.map((e) => [e.customerId, e._count, e._sum.amountCents])).toEqual(CUSTOMERS.map((c, i) => [c, 1, overageOf(i)]));
    const invoices = await billing.db.prisma.billingInvoice.groupBy({ by: ['customerId', 'status'], where: { kind: 'period' }, _count: true });
    expect(invoices).toHaveLength(50);
    expect(invoices.every((i) => i._count === 1 && i.status === 'open')).toBe(true);
    expect(await billing.db.prisma.outboundMail.count({ where: { template: 'billing.statement' } })).toBe(50);

    // Stripe: each customer's invoice created, its line added, finalised and sent once: 4 writes each, nothing else.
    const writes = billing.stripeProxy.writes.slice(writesBefore);
    const count = (pattern: RegExp) => writes.filter((w) => pattern.test(w)).length;
    expect({
      created: count(/^POST \/v1\/invoices$/),
      lines: count(/^POST \/v1\/invoiceitems$/),
      finalized: count(/^POST \/v1\/invoices\/[^/]+\/finalize$/),
      sent: count(/^POST \/v1\/invoices\/[^/]+\/send$/),
      all: writes.length,
    }).toEqual({ created: 50, lines: 50, finalized: 50, sent: 50, all: 200 });

    for (const customerId of CUSTOMERS) {
      const invariant = await balanceAndLedgerSum(billing, customerId);
      expect(invariant!.balance).toBe(invariant!.ledgerSum);
    }
    // The customers' processes now wait for payments that will not come in this test.
    for (const customerId of CUSTOMERS) await temporal.client.workflow.getHandle(`billing-${customerId}-${period}`).terminate('the test ends before the customer pays');
  });
});
