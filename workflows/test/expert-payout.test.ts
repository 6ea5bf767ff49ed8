import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@guild/db/testing';
import { createServer } from '@guild/payouts/server';
import { stripeConnect, TransferRefused, type StripeConnect } from '@guild/payouts/stripe';
import { createLogger, serviceTokenSource } from '@guild/platform';
import { callerAs, eventually, expert, listenOnFreePort, ops, testJwtSecret } from '@guild/testkit';
import { Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createExpertPayoutActivities, createPayoutCycleActivities } from '../src/expert-payout/activities.js';
import { payoutCycle } from '../src/expert-payout/cycle-workflow.js';
import { payoutSettledSignal } from '../src/expert-payout/messages.js';
import { payoutPolicySchema } from '../src/expert-payout/policy.js';
import { expertPayout } from '../src/expert-payout/workflow.js';
import { searchAttributes } from '../src/search-attributes.js';
import type { ServiceClients } from '../src/services.js';
import { createServiceClient } from '../src/shared/service-client.js';
import { recordHistory } from './histories.js';
import { connectTestTemporal, workflowsPath } from './temporal.js';

// The payout process against the real payouts service, PostgreSQL and stripe-mock. stripe-mock is
// stateless and reads every account as unverified, so accounts named `acct_verified…` are read as
// verified here, and `acct_verifiedrefuses…` get Stripe's refusal of the transfer.
const mock = stripeConnect({ secretKey: 'sk_test_payouts', apiUrl: process.env.STRIPE_API_URL ?? 'http://127.0.0.1:12111' });
const stripe: StripeConnect = {
  readAccount: async (id) => (id.startsWith('acct_verified') ? { payoutsEnabled: true, missing: [], disabledReason: null } : mock.readAccount(id)),
  transfer: async (input) => {
    if (input.accountId.startsWith('acct_verifiedrefuses')) throw new TransferRefused('No such destination: the connected account cannot receive transfers');
    return mock.transfer(input);
  },
};

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
let http: Awaited<ReturnType<typeof listenOnFreePort>>;
let payouts: ReturnType<typeof callerAs>;
let worker: Worker;
let running: Promise<void>;
beforeAll(async () => {
  db = await createTestDatabase();
  temporal = await connectTestTemporal();
  const app = createServer({ prisma: db.prisma, logger: createLogger('payout-test', 'silent'), jwtSecret: testJwtSecret, readiness: {}, stripe, listing: async () => null });
  payouts = callerAs(app);
  http = await listenOnFreePort(app);
  const services = { payouts: createServiceClient('payouts', http.baseUrl, serviceTokenSource({ jwtSecret: testJwtSecret })) } as unknown as ServiceClients;
  worker = await Worker.create({
    connection: temporal.workerConnection,
    taskQueue: temporal.taskQueue,
    workflowsPath,
    activities: { ...createExpertPayoutActivities({ services }), ...createPayoutCycleActivities({ services }) },
  });
  running = worker.run();
});
afterEach(async () => {
  for (const expertId of ['dora', 'eve', 'finn']) {
    const balance = (await payouts(ops).get(`/experts/${expertId}/balance`)).body;
    const entries = (await payouts(ops).get(`/experts/${expertId}/ledger?limit=100`)).body.items as { amountCents: number; heldCents: number }[];
    expect(balance.availableCents + balance.heldCents).toBe(entries.reduce((s, e) => s + e.amountCents, 0));
    expect(balance.heldCents).toBe(entries.reduce((s, e) => s + e.heldCents, 0));
  }
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await http?.close();
  await temporal?.close();
  await db?.drop();
});

const policy = (overrides: Record<string, string> = {}) => payoutPolicySchema.parse(overrides);

async function approvedWork(expertId: string, minutes: number, rateCents: number) {
  await db.prisma.approvedWork.create({
    data: { timeEntryId: randomUUID(), expertId, projectId: randomUUID(), minutes, expertRateCents: rateCents, amountCents: (minutes * rateCents) / 60, day: new Date('2026-11-20'), approvedAt: new Date('2026-11-20T12:00:00Z') },
  });
}

async function runCycle(name: string) {
  const handle = await temporal.client.workflow.start(payoutCycle, { workflowId: `payout-cycle-test-${randomUUID()}`, taskQueue: temporal.taskQueue, args: [{ cycle: '2026-11-30' }] });
  const result = await handle.result();
  await recordHistory(name, handle);
  return result;
}

async function requestPayout(expertId: string, amountCents: number, extra: object = {}) {
  const res = await payouts(expert(expertId)).post(`/experts/${expertId}/payouts`, { amountCents, ...extra });
  expect(res.status).toBe(201);
  return res.body as { id: string; requestedAt: string; accountKind: 'stripe_connect' | 'bank_transfer' };
}

function startPayout(expertId: string, request: { id: string; requestedAt: string; accountKind: 'stripe_connect' | 'bank_transfer' }, amountCents: number, p = policy()) {
  return temporal.client.workflow.start(expertPayout, {
    workflowId: `payout-${request.id}`,
    taskQueue: temporal.taskQueue,
    args: [{ requestId: request.id, expertId, amountCents, accountKind: request.accountKind, requestedAt: request.requestedAt, policy: p }],
    typedSearchAttributes: [
      { key: searchAttributes.ExpertId, value: expertId },
      { key: searchAttributes.Process, value: 'expert-payout' },
      { key: searchAttributes.SlaBreached, value: false },
    ],
  });
}

const balanceOf = async (expertId: string) => (await payouts(ops).get(`/experts/${expertId}/balance`)).body;

describe('the payout cycle', () => {
  it('credits exactly the approved work before the cycle, once, also when run again, and mails each expert a statement', async () => {
    await approvedWork('dora', 120, 6000);
    await approvedWork('dora', 30, 6000);
    await approvedWork('eve', 60, 9000);
    const first = await runCycle('payout-cycle-credits');
    const again = await runCycle('payout-cycle-rerun');
    expect(first).toMatchObject({ cycle: '2026-11-30', creditedEntries: 3, creditedCents: 12_000 + 3_000 + 9_000 });
    expect(again).toMatchObject({ creditedEntries: 0, creditedCents: 0 });
    expect(await balanceOf('dora')).toMatchObject({ availableCents: 15_000, approvedNotCreditedCents: 0 });
    const statements = await db.prisma.outboundMail.findMany({ where: { template: 'payouts.statement' } });
    expect(statements.map((m) => m.recipients)).toEqual(expect.arrayContaining([[{ kind: 'expert', expertId: 'dora' }], [{ kind: 'expert', expertId: 'eve' }]]));
    expect(statements).toHaveLength(2);
    expect(statements.find((m) => JSON.stringify(m.recipients).includes('dora'))?.data).toMatchObject({ periodStart: '2026-11-16', periodEnd: '2026-11-29', creditedCents: 15_000 });
  });
});

describe('payout-<requestId>', () => {
  it('a request to a verified connected account is paid through stripe-mock and the expert is told', async () => {
    await payouts(ops).put('/experts/dora/payout-account', { kind: 'stripe_connect', stripeAccountId: 'acct_verifieddora' });
    const request = await requestPayout('dora', 5_000);
    const handle = await startPayout('dora', request, 5_000);
    expect(await handle.result()).toEqual({ outcome: 'paid', by: 'stripe' });
    await recordHistory('expert-payout-paid-by-stripe', handle);
    const paid = (await payouts(ops).get(`/payout-requests/${request.id}`)).body;
    expect(paid).toMatchObject({ status: 'paid' });
    expect(paid.stripeTransferId).toMatch(/^tr_/);
    expect(await balanceOf('dora')).toMatchObject({ availableCents: 10_000, heldCents: 0 });
    expect(await db.prisma.outboundMail.count({ where: { template: 'payouts.paid', idempotencyKey: `paid:${request.id}` } })).toBe(1);
  });

  it('a transfer Stripe refuses releases the hold and tells the expert why', async () => {
    await payouts(ops).put('/experts/eve/payout-account', { kind: 'stripe_connect', stripeAccountId: 'acct_verifiedrefuseseve' });
    const request = await requestPayout('eve', 4_000);
    const handle = await startPayout('eve', request, 4_000);
    const outcome = await handle.result();
    await recordHistory('expert-payout-transfer-refused', handle);
    expect(outcome).toMatchObject({ outcome: 'failed' });
    expect(await balanceOf('eve')).toMatchObject({ availableCents: 9_000, heldCents: 0 });
    const mail = await db.prisma.outboundMail.findFirst({ where: { template: 'payouts.not-paid', idempotencyKey: `not-paid:${request.id}` } });
    expect(JSON.stringify(mail?.data)).toContain('No such destination');
  });

  it('an account that turned unverified is refused at payment time, with what is missing, and released', async () => {
    await payouts(ops).put('/experts/eve/payout-account', { kind: 'stripe_connect', stripeAccountId: 'acct_verifiedeve2' });
    const request = await requestPayout('eve', 1_000);
    // The expert switches to an account Stripe has not verified before the process checks.
    await db.prisma.payoutAccount.update({ where: { expertId: 'eve' }, data: { stripeAccountId: 'acct_unverifiedeve' } });
    const handle = await startPayout('eve', request, 1_000);
    const outcome = await handle.result();
    expect(outcome).toMatchObject({ outcome: 'refused' });
    expect((outcome as { reason: string }).reason).toContain('external_account');
    expect(await balanceOf('eve')).toMatchObject({ availableCents: 9_000, heldCents: 0 });
  });

  it('a bank transfer waits for ops: warned at 20 h and breached at 24 h (scaled to seconds), then paid by ops', async () => {
    await approvedWork('finn', 60, 6000);
    await runCycle('payout-cycle-finn');
    await payouts(ops).put('/experts/finn/payout-account', { kind: 'bank_transfer', accountHolder: 'Finn F', iban: 'DE89370400440532013000' });
    const request = await requestPayout('finn', 2_500, { invoice: { fileName: 'finn.pdf', contentBase64: Buffer.from('%PDF-1.7 finn').toString('base64') } });
    const handle = await startPayout('finn', request, 2_500, policy({ warnAfter: '2s', deadline: '4s' }));

    const task = await eventually('the manual transfer task for ops', async () => {
      const view = (await payouts(ops).get(`/payout-requests/${request.id}/manual-transfer`)).body;
      return view.status === 'awaiting_manual_transfer' ? view : undefined;
    });
    expect(task).toMatchObject({ iban: 'DE89370400440532013000', invoiceUrl: `/payout-requests/${request.id}/invoice` });
    const breached = await eventually('the breach', async () => {
      const view = (await payouts(ops).get(`/payout-requests/${request.id}`)).body;
      return view.breachedAt ? view : undefined;
    }, { timeoutMs: 20_000 });
    expect(breached.warnedAt).not.toBeNull();
    expect(Date.parse(breached.breachedAt)).toBeGreaterThan(Date.parse(breached.warnedAt));
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(searchAttributes.SlaBreached)).toBe(true);
    expect(await db.prisma.outboundMail.count({ where: { template: { in: ['payouts.deadline-warning', 'payouts.deadline-breach'] }, idempotencyKey: { endsWith: request.id } } })).toBe(2);

    expect((await payouts(ops).post(`/payout-requests/${request.id}/manual-transfer/paid`)).status).toBe(200);
    await handle.signal(payoutSettledSignal, { outcome: 'paid' });
    expect(await handle.result()).toEqual({ outcome: 'paid', by: 'ops' });
    await recordHistory('expert-payout-manual-breached', handle);
    expect(await balanceOf('finn')).toMatchObject({ availableCents: 3_500, heldCents: 0 });
  });
});
