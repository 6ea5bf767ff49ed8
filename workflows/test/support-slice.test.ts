import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { querySubmitted, type EventEnvelope } from '@guild/contracts';
import { createTestDatabase } from '@guild/db/testing';
import {
  consumeEvents,
  createLogger,
  signToken,
  startOutboxRelay,
  wireSubject,
  type Principal,
} from '@guild/platform';
import { createTestNamespace, testJwtSecret } from '@guild/platform/testing';
import { jetstream } from '@nats-io/jetstream';
import { createServer } from '@guild/support/server';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities.js';
import { routeEvent } from '../src/event-bridge.js';
import { querySlaEventHandlers } from '../src/query-sla/bridge-handlers.js';
import { querySlaWorkflowId } from '../src/query-sla/input.js';
import { querySlaStatusQuery } from '../src/query-sla/messages.js';
import { recordHistory } from './histories.js';
import { connectTestTemporal, eventually, workflowsPath } from './temporal.js';

// The support slice end to end: HTTP → PostgreSQL + outbox → NATS → bridge → Temporal → worker →
// activity → HTTP. Only the policy is shortened: the first-reply deadline is 3 s instead of 1 h.
const FIRST_REPLY_MS = 3_000;
const logger = createLogger('slice-test', 'silent');

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let ns: Awaited<ReturnType<typeof createTestNamespace>>;
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
let server: Server;
let supportUrl: string;
let stopAll: () => Promise<void>;
let handlers: ReturnType<typeof querySlaEventHandlers>;

beforeAll(async () => {
  db = await createTestDatabase();
  ns = await createTestNamespace();
  temporal = await connectTestTemporal();
  const relay = startOutboxRelay({ prisma: db.prisma, nc: ns.nc, namespace: ns.namespace, source: 'support', logger, pollMs: 100 });
  const app = createServer({ prisma: db.prisma, logger, jwtSecret: testJwtSecret, readiness: {}, eventsRecorded: relay.nudge });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  supportUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const worker = await Worker.create({
    connection: temporal.workerConnection,
    taskQueue: temporal.taskQueue,
    workflowsPath,
    activities: createActivities({ supportUrl, jwtSecret: testJwtSecret, prisma: db.prisma }),
  });
  const running = worker.run();

  handlers = querySlaEventHandlers({ client: temporal.client, taskQueue: temporal.taskQueue }, { firstReply: `${FIRST_REPLY_MS}ms` });
  const bridge = consumeEvents({
    nc: ns.nc,
    namespace: ns.namespace,
    durable: 'temporal-bridge',
    subjects: Object.keys(handlers),
    logger,
    idempotency: { prisma: db.prisma },
    handle: routeEvent(handlers, logger),
  });

  await call({ subject: 'ops', role: 'ops' }, 'PUT', '/customers/acme/expert-assignment', { expertId: 'alice' });

  stopAll = async () => {
    await bridge.stop();
    worker.shutdown();
    await running;
    await relay.stop();
    server.close();
  };
});

afterAll(async () => {
  await stopAll?.();
  await temporal?.close();
  await ns?.cleanup();
  await db?.drop();
});

const acme: Principal = { subject: 'u-acme', role: 'customer', customerId: 'acme' };
const alice: Principal = { subject: 'u-alice', role: 'expert', expertId: 'alice' };

async function call(principal: Principal, method: string, path: string, body?: unknown) {
  const res = await fetch(new URL(path, supportUrl), {
    method,
    headers: { authorization: `Bearer ${await signToken(testJwtSecret, principal)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function submitQuery() {
  const res = await call(acme, 'POST', '/queries', { subject: 'Invoices do not sync', body: 'Since the upgrade.' });
  expect(res.status).toBe(201);
  return res.body as { id: string; submittedAt: string };
}

async function runningWorkflow(queryId: string) {
  const handle = temporal.client.workflow.getHandle(querySlaWorkflowId(queryId));
  return eventually(`workflow ${querySlaWorkflowId(queryId)}`, async () => {
    const d = await handle.describe();
    return d.status.name === 'RUNNING' ? { handle, description: d } : undefined;
  });
}

describe('support query slice', () => {
  it('a submitted query runs as a workflow named after it, filterable by customer; a reply in time completes it', async () => {
    const query = await submitQuery();
    const { handle, description } = await runningWorkflow(query.id);
    expect(description.searchAttributes).toMatchObject({ CustomerId: ['acme'], Process: ['support-query'], ExpertId: ['alice'] });

    const byCustomer = await eventually('visibility by customer', async () => {
      const ids: string[] = [];
      for await (const wf of temporal.client.workflow.list({ query: `CustomerId = 'acme' AND WorkflowId = '${handle.workflowId}'` })) ids.push(wf.workflowId);
      return ids.length ? ids : undefined;
    });
    expect(byCustomer).toEqual([handle.workflowId]);

    const reply = await call(alice, 'POST', `/queries/${query.id}/replies`, { answer: 'Resynced.', etaMinutes: 15 });
    expect(reply.status).toBe(201);
    const outcome = await handle.result();
    expect(outcome).toMatchObject({ queryId: query.id, result: 'replied_in_time' });
    expect((await call(acme, 'GET', `/queries/${query.id}`)).body.status).toBe('answered');
    await recordHistory('query-sla-replied-in-time', handle);
  });

  it('with no reply the deadline escalates the query within 2 s of it; a late reply still completes it', async () => {
    const query = await submitQuery();
    const { handle } = await runningWorkflow(query.id);
    const escalated = await eventually('escalation', async () => {
      const q = (await call(acme, 'GET', `/queries/${query.id}`)).body as { status: string; escalatedAt: string };
      return q.status === 'escalated' ? q : undefined;
    });
    const lateByMs = Date.parse(escalated.escalatedAt) - (Date.parse(query.submittedAt) + FIRST_REPLY_MS);
    expect(lateByMs).toBeGreaterThanOrEqual(0);
    expect(lateByMs).toBeLessThan(2_000);
    expect((await handle.query(querySlaStatusQuery)).stage).toBe('escalated');
    expect((await handle.describe()).searchAttributes).toMatchObject({ SlaBreached: [true] });

    await call(alice, 'POST', `/queries/${query.id}/replies`, { answer: 'Sorry for the wait: fixed.', etaMinutes: 5 });
    expect(await handle.result()).toMatchObject({ result: 'replied_after_breach' });
    expect((await call(acme, 'GET', `/queries/${query.id}`)).body.status).toBe('answered');
    await recordHistory('query-sla-breached-then-replied', handle);
  });

  it('the same event delivered twice starts one workflow', async () => {
    const query = await submitQuery();
    const { handle } = await runningWorkflow(query.id);
    const row = await db.prisma.outboxEvent.findFirstOrThrow({
      where: { subject: querySubmitted.subject, payload: { path: ['queryId'], equals: query.id } },
    });
    const envelope: EventEnvelope = {
      id: row.id,
      subject: row.subject,
      version: row.version,
      source: row.source,
      occurredAt: row.occurredAt.toISOString(),
      payload: row.payload,
    };
    // Redelivered past JetStream's dedupe window (a new message id), and handled again directly.
    await jetstream(ns.nc).publish(wireSubject(ns.namespace, row.subject), JSON.stringify(envelope), { msgID: `redelivery-${row.id}` });
    await handlers[querySubmitted.subject]!(envelope);

    const runs: string[] = [];
    for await (const wf of temporal.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` })) runs.push(wf.runId);
    expect(runs).toEqual([(await handle.describe()).runId]);
    await call(alice, 'POST', `/queries/${query.id}/replies`, { answer: 'Done.', etaMinutes: 1 });
    await handle.result();
  });
});
