import type { AddressInfo } from 'node:net';
import type { QueryView } from '@guild/contracts';
import { createTestDatabase } from '@guild/db/testing';
import { consumeEvents, createLogger, serviceTokenSource, signToken, startOutboxRelay, type Principal } from '@guild/platform';
import { createTestNamespace, testJwtSecret } from '@guild/platform/testing';
import { createServer } from '@guild/support/server';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../src/activities.js';
import { createServiceClients } from '../src/services.js';
import { routeEvent } from '../src/event-bridge.js';
import { supportQueryEventHandlers } from '../src/support-query/bridge-handlers.js';
import { supportQueryWorkflowId } from '../src/support-query/input.js';
import { supportPolicySchema, type SupportPolicy } from '../src/support-query/policy.js';
import { connectTestTemporal, eventually, workflowsPath } from './temporal.js';

/**
 * The support process end to end, in one process: the support app on its own database, its
 * outbox relay to its own NATS namespace, the bridge consumer, and a Temporal worker whose
 * activities call the app over HTTP. Only the policy's durations are shortened.
 */
export async function startSupportStack(policy: Partial<SupportPolicy>) {
  const logger = createLogger('stack-test', 'silent');
  const db = await createTestDatabase();
  const ns = await createTestNamespace();
  const temporal = await connectTestTemporal();
  const relay = startOutboxRelay({ prisma: db.prisma, nc: ns.nc, namespace: ns.namespace, source: 'support', logger, pollMs: 100 });
  const app = createServer({ prisma: db.prisma, logger, jwtSecret: testJwtSecret, readiness: {}, eventsRecorded: relay.nudge });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const supportUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const worker = await Worker.create({
    connection: temporal.workerConnection,
    taskQueue: temporal.taskQueue,
    workflowsPath,
    activities: createActivities({
      // No identity service in this stack: nothing the support process does calls it.
      services: createServiceClients({ SUPPORT_URL: supportUrl, IDENTITY_URL: 'http://127.0.0.1:9' }, serviceTokenSource({ jwtSecret: testJwtSecret })),
    }),
  });
  const running = worker.run();
  const handlers = supportQueryEventHandlers({ client: temporal.client, taskQueue: temporal.taskQueue }, supportPolicySchema.parse(policy));
  const bridge = consumeEvents({
    nc: ns.nc,
    namespace: ns.namespace,
    durable: 'temporal-bridge',
    subjects: Object.keys(handlers),
    logger,
    idempotency: { prisma: db.prisma },
    handle: routeEvent(handlers, logger),
  });

  async function call<T = QueryView>(principal: Principal, method: string, path: string, body?: unknown) {
    const res = await fetch(new URL(path, supportUrl), {
      method,
      headers: { authorization: `Bearer ${await signToken(testJwtSecret, principal)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  /** The query's workflow once the bridge has started it. */
  async function workflowOf(queryId: string) {
    const handle = temporal.client.workflow.getHandle(supportQueryWorkflowId(queryId));
    await eventually(`workflow of query ${queryId}`, async () => ((await handle.describe()).status.name === 'RUNNING' ? true : undefined));
    return handle;
  }

  return {
    db,
    ns,
    temporal,
    handlers,
    call,
    workflowOf,
    async stop() {
      await bridge.stop();
      worker.shutdown();
      await running;
      await relay.stop();
      server.close();
      await temporal.close();
      await ns.cleanup();
      await db.drop();
    },
  };
}

export const ops: Principal = { subject: 'ops-1', role: 'ops' };
export const customer = (customerId: string): Principal => ({ subject: `u-${customerId}`, role: 'customer', customerId });
export const expert = (expertId: string): Principal => ({ subject: `u-${expertId}`, role: 'expert', expertId });
