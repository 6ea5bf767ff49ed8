import { payoutRequested } from '@guild/contracts';
import { createTestDatabase } from '@guild/db/testing';
import { createServer } from '@guild/payouts/server';
import { stripeConnect } from '@guild/payouts/stripe';
import { consumeEvents, createLogger, recordEvent, serviceTokenSource, startOutboxRelay } from '@guild/platform';
import { callerAs, createTestNamespace, eventually, expert, listenOnFreePort, ops, testJwtSecret } from '@guild/testkit';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities.js';
import { routeEvent } from '../src/event-bridge.js';
import { expertPayoutEventHandlers } from '../src/expert-payout/bridge-handlers.js';
import { payoutPolicySchema } from '../src/expert-payout/policy.js';
import { createServiceClients, serviceUrlConfig } from '../src/services.js';
import { connectTestTemporal, workflowsPath } from './temporal.js';

// The payout process started and settled by the service's own events: payouts records them in its
// outbox, the relay publishes them to NATS, the bridge's handlers start and signal payout-<requestId>.
const logger = createLogger('payout-bridge-test', 'silent');
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let ns: Awaited<ReturnType<typeof createTestNamespace>>;
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
let http: Awaited<ReturnType<typeof listenOnFreePort>>;
let payouts: ReturnType<typeof callerAs>;
let relay: ReturnType<typeof startOutboxRelay>;
let bridge: ReturnType<typeof consumeEvents>;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  db = await createTestDatabase();
  ns = await createTestNamespace();
  temporal = await connectTestTemporal();
  relay = startOutboxRelay({ prisma: db.prisma, nc: ns.nc, namespace: ns.namespace, source: 'payouts', logger, pollMs: 100 });
  const stripe = stripeConnect({ secretKey: 'sk_test_payouts', apiUrl: process.env.STRIPE_API_URL ?? 'http://127.0.0.1:12111' });
  const app = createServer({ prisma: db.prisma, logger, jwtSecret: testJwtSecret, readiness: {}, stripe, listing: async () => null, eventsRecorded: () => relay.nudge() });
  payouts = callerAs(app);
  http = await listenOnFreePort(app);
  const nowhere = Object.fromEntries(Object.keys(serviceUrlConfig).map((variable) => [variable, 'http://127.0.0.1:9'])) as Parameters<typeof createServiceClients>[0];
  const services = createServiceClients({ ...nowhere, PAYOUTS_URL: http.baseUrl }, serviceTokenSource({ jwtSecret: testJwtSecret }));
  worker = await Worker.create({ connection: temporal.workerConnection, taskQueue: temporal.taskQueue, workflowsPath, activities: createActivities({ services }) });
  running = worker.run();
  const handlers = expertPayoutEventHandlers({ client: temporal.client, taskQueue: temporal.taskQueue }, payoutPolicySchema.parse({}));
  bridge = consumeEvents({ nc: ns.nc, namespace: ns.namespace, durable: 'temporal-bridge', subjects: Object.keys(handlers), logger, idempotency: { prisma: db.prisma }, handle: routeEvent(handlers, logger) });
});
afterAll(async () => {
  await bridge?.stop();
  worker?.shutdown();
  await running;
  await relay?.stop();
  await http?.close();
  await temporal?.close();
  await ns?.cleanup();
  await db?.drop();
});

const handled = (eventId: string) => eventually(`event ${eventId} handled by the bridge`, async () => ((await db.prisma.processedEvent.count({ where: { consumer: 'temporal-bridge', eventId } })) === 1 ? true : undefined));

describe('payout-<requestId> through the bridge', () => {
  it("a request's event starts the process once, ops' settlement event finishes it, and the event recorded again starts nothing", async () => {
    expect((await payouts(ops).post('/experts/gina/adjustments', { amountCents: 8_000, reason: 'opening balance' })).status).toBe(201);
    await payouts(ops).put('/experts/gina/payout-account', { kind: 'bank_transfer', accountHolder: 'Gina G', iban: 'DE89370400440532013000' });
    const requested = await payouts(expert('gina')).post('/experts/gina/payouts', { amountCents: 3_000, invoice: { fileName: 'gina.pdf', contentBase64: Buffer.from('%PDF-1.7 gina').toString('base64') } });
    expect(requested.status).toBe(201);
    const requestId = requested.body.id as string;
    const workflowId = `payout-${requestId}`;

    await eventually('the manual transfer task the process opened', async () => {
      const view = (await payouts(ops).get(`/payout-requests/${requestId}/manual-transfer`)).body;
      return view.status === 'awaiting_manual_transfer' ? view : undefined;
    });
    expect((await payouts(ops).post(`/payout-requests/${requestId}/manual-transfer/paid`)).status).toBe(200);
    const handle = temporal.client.workflow.getHandle(workflowId);
    expect(await handle.result()).toEqual({ outcome: 'paid', by: 'ops' });
    const { runId } = await handle.describe();

    // The request's event once more, as a relay that published it but crashed before marking it would.
    const again = await db.prisma.$transaction(async (tx) => {
      const original = await tx.outboxEvent.findFirstOrThrow({ where: { subject: payoutRequested.subject } });
      return recordEvent(tx, 'payouts', payoutRequested, payoutRequested.payload.parse(original.payload));
    });
    relay.nudge();
    await handled(again.id);

    // The latest run of the id is still the one that paid: no second payout process.
    expect(await handle.describe()).toMatchObject({ runId, status: { name: 'COMPLETED' } });
    expect((await payouts(ops).get('/experts/gina/balance')).body).toMatchObject({ availableCents: 5_000, heldCents: 0 });
  });
});
