import type { QueryView } from '@guild/contracts';
import { createTestDatabase } from '@guild/db/testing';
import { consumeEvents, createLogger, serviceTokenSource, startOutboxRelay, type Principal } from '@guild/platform';
import { createTestNamespace, eventually, listenOnFreePort, testJwtSecret, tokenFor } from '@guild/testkit';
import { createServer } from '@guild/support/server';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../src/activities.js';
import { createServiceClients } from '../src/services.js';
import { routeEvent } from '../src/event-bridge.js';
import { supportQueryEventHandlers } from '../src/support-query/bridge-handlers.js';
import { supportQueryWorkflowId } from '../src/support-query/input.js';
import { supportPolicySchema, type SupportPolicy } from '../src/support-query/policy.js';
import { connectTestTemporal, workflowsPath } from './temporal.js';

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
  const { baseUrl: supportUrl, close: closeServer } = await listenOnFreePort(app);

  const worker = await Worker.create({
    connection: temporal.workerConnection,
    taskQueue: temporal.taskQueue,
    workflowsPath,
    activities: createActivities({
      // No identity service in this stack: nothing the support process does calls it.
      services: createServiceClients({ SUPPORT_URL: supportUrl, IDENTITY_URL: 'http://127.0.0.1:9', PROJECTS_URL: 'http://127.0.0.1:9' }, serviceTokenSource({ jwtSecret: testJwtSecret })),
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
      headers: { authorization: `Bearer ${await tokenFor(principal)}`, 'content-type': 'application/json' },
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
      await closeServer();
      await temporal.close();
      await ns.cleanup();
      await db.drop();
    },
  };
}

export { customer, expert, ops } from '@guild/testkit';
