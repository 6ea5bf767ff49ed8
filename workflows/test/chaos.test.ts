import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import { signToken, type Principal } from '@guild/platform';
import { createTestNamespace, eventually, type TestNamespace } from '@guild/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { codecDataConverter } from '../src/codec/data-converter.js';
import { loadCodecKeyRing } from '../src/codec/keys.js';
import { supportQueryWorkflowId } from '../src/support-query/input.js';
import { supportQueryStatusQuery } from '../src/support-query/messages.js';
import { startBuiltProcess } from './built-process.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';
import { connectTestTemporal } from './temporal.js';

// The short fault suite (`npm run chaos` is the long one): queries in flight while the worker, the
// bridge and support are SIGKILLed and restarted and the database drops every connection;
// afterwards each query has one workflow, each clock fired once, each event was handled once and
// support's /readyz went red and back to green.
const queries = 20;
const firstReplySeconds = 12;
const bridgeAckWaitSeconds = 5;
const jwtSecret = process.env.JWT_SECRET ?? randomUUID();
const customer: Principal = { subject: `chaos-customer-${randomUUID().slice(0, 8)}`, role: 'customer', customerId: randomUUID() };
const expert: Principal = { subject: 'chaos-expert', role: 'expert', expertId: 'chaos-alice' };
const ops: Principal = { subject: 'chaos-ops', role: 'ops' };

let db: TestDatabase;
let ns: TestNamespace;
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
let support: ServiceProcess;
let supportEnv: Record<string, string>;
let env: Record<string, string>;
const children: { stop(): Promise<void>; output(): string }[] = [];
const outputs = () => children.map((c) => c.output()).join('\n');

beforeAll(async () => {
  db = await createTestDatabase();
  ns = await createTestNamespace();
  // The codec the worker and the bridge use, so the client reads the workflows' answers.
  temporal = await connectTestTemporal({ dataConverter: codecDataConverter(loadCodecKeyRing()) });
  const shared = {
    DATABASE_URL: db.url,
    NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4233',
    EVENT_NAMESPACE: ns.namespace,
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'info',
  };
  supportEnv = {
    ...shared,
    SUPPORT_SMTP_PORT: '0',
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:1035',
    ATTACHMENT_KEYS: process.env.ATTACHMENT_KEYS ?? `chaos:${Buffer.alloc(32, 7).toString('base64')}`,
  };
  support = await startServiceProcess('support', 'services/support/dist/index.js', supportEnv);
  children.push(support);
  env = {
    ...shared,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
    TEMPORAL_TASK_QUEUE: temporal.taskQueue,
    TEMPORAL_CODEC_KEYS: process.env.TEMPORAL_CODEC_KEYS!,
    SUPPORT_URL: support.url,
    SUPPORT_POLICY: JSON.stringify({ firstReply: `${firstReplySeconds}s` }),
    // Events the killed bridge held come back after this wait; production's 30 s would outlast the deadline.
    EVENT_ACK_WAIT_SECONDS: String(bridgeAckWaitSeconds),
  };
});

afterAll(async () => {
  for (const child of children.reverse()) await child.stop();
  await temporal?.close();
  await ns?.cleanup();
  await db?.drop();
});

const worker = async () => {
  const started = await startBuiltProcess('worker', 'workflows/dist/worker.js', env, 'worker running');
  children.push(started);
  return started;
};
const bridge = async () => {
  const started = await startBuiltProcess('bridge', 'workflows/dist/bridge.js', env, 'event consumer running');
  children.push(started);
  return started;
};

/** Support's `/readyz`, polled every 100 ms while the faults happen: each change of colour, in order (red = not 200, or no answer). */
function watchReadiness() {
  const colours: ('green' | 'red')[] = [];
  let watching = true;
  const polling = (async () => {
    while (watching) {
      const ok = await fetch(`${support.url}/readyz`, { signal: AbortSignal.timeout(1_000) }).then((res) => res.ok, () => false);
      const colour = ok ? 'green' : 'red';
      if (colours.at(-1) !== colour) colours.push(colour);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    colours,
    async stop() {
      watching = false;
      await polling;
    },
  };
}

/** A careful client: one Idempotency-Key, retried on a 5xx or a refused connection. */
async function write(principal: Principal, path: string, body: unknown, fiveHundreds: string[]) {
  const key = randomUUID();
  const token = await signToken(jwtSecret, principal, { expiresIn: '10m' });
  return eventually(`POST ${path} answered`, async () => {
    const res = await fetch(`${support.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    if (res.status >= 500) {
      fiveHundreds.push(`${res.status} ${await res.text()}`);
      return undefined;
    }
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string };
  }, { timeoutMs: 30_000, intervalMs: 200 });
}

it('loses and doubles nothing when the worker, the bridge and support are killed and the database drops its connections', { timeout: 150_000 }, async () => {
  const opsToken = await signToken(jwtSecret, ops, { expiresIn: '10m' });
  const assigned = await fetch(`${support.url}/customers/${customer.customerId}/expert-assignment`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${opsToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ expertId: 'chaos-alice' }),
  });
  expect(assigned.status).toBe(200);
  const failures: string[] = [];
  const ids: string[] = [];
  const answered = new Set<string>();
  /** Even queries are answered at once (racing their workflow's start); odd ones breach. */
  const submit = async (count: number) => {
    await Promise.all(
      Array.from({ length: count }, async () => {
        const i = ids.length;
        const { id } = await write(customer, '/queries', { subject: `Chaos #${i}`, body: 'Parts die while this is open.' }, failures);
        ids.push(id);
        if (ids.indexOf(id) % 2 === 0) {
          await write(expert, `/queries/${id}/replies`, { kind: 'answer', answer: 'Fixed.', etaMinutes: 30 }, failures);
          answered.add(id);
        }
      }),
    );
  };

  const readiness = watchReadiness();
  const firstWorker = await worker();
  const firstBridge = await bridge();
  await submit(queries / 4);
  // The worker dies with workflow tasks of those queries in hand; more queries arrive meanwhile.
  await firstWorker.kill();
  await submit(queries / 4);
  await worker();
  // The bridge dies with events unacknowledged; they must be redelivered, and handled once.
  await firstBridge.kill();
  await submit(queries / 4);
  await bridge();
  const dropped = await db.prisma.$queryRaw<{ n: number }[]>`
    SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;
  expect(dropped[0]!.n).toBeGreaterThan(0);
  // Support dies with queries arriving (the clients retry with their keys) and comes back on its port.
  await support.kill();
  await eventually('support not ready', async () => (readiness.colours.at(-1) === 'red' ? true : undefined));
  const arriving = submit(queries / 4);
  support = await startServiceProcess('support', 'services/support/dist/index.js', supportEnv, { port: support.port });
  children.push(support);
  await arriving;
  await eventually('support ready again', async () => (readiness.colours.at(-1) === 'green' ? true : undefined));
  await readiness.stop();
  expect(readiness.colours[0]).toBe('green');
  expect(readiness.colours).toContain('red');
  expect(ids).toHaveLength(queries);

  const unanswered = ids.filter((id) => !answered.has(id));
  const events = await db.prisma.outboxEvent.findMany({ where: { subject: { in: ['support.query.submitted', 'support.query.replied'] } }, select: { id: true } });
  expect(events).toHaveLength(queries + answered.size);
  // Caught up: the outbox drained, the bridge handled every submission and reply, every unanswered
  // query's clock started and breached. An answered query may show no clock at all: its reply can
  // reach the workflow before the clock is announced, and then no deadline runs.
  let progress = {};
  await eventually('every event published and handled, every unanswered clock started and breached', async () => {
    const [unpublished, handled, started, breached] = await Promise.all([
      db.prisma.outboxEvent.count({ where: { publishedAt: null } }),
      db.prisma.processedEvent.count({ where: { consumer: 'temporal-bridge', eventId: { in: events.map((e) => e.id) } } }),
      db.prisma.slaEvent.count({ where: { kind: 'reply_clock_started', queryId: { in: unanswered } } }),
      db.prisma.slaEvent.count({ where: { kind: 'reply_breach', queryId: { in: unanswered } } }),
    ]);
    progress = { unpublished, handled, started, breached };
    return unpublished === 0 && handled === events.length && started === unanswered.length && breached === unanswered.length ? true : undefined;
  }, { timeoutMs: (firstReplySeconds + 45) * 1000, intervalMs: 250 }).catch((error: Error) => {
    throw new Error(`${error.message}: ${JSON.stringify({ ...progress, events: events.length, unanswered: unanswered.length })}\nworker and bridge said:\n${outputs().slice(-6000)}`);
  });

  // Every answered query's workflow got its reply (no reply event lost), in time: none breached.
  for (const id of answered) {
    const status = await temporal.client.workflow.getHandle(supportQueryWorkflowId(id)).query(supportQueryStatusQuery);
    expect(status.firstReplyAt, `reply of query ${id} in its workflow`).not.toBeNull();
  }
  const clocks = await db.prisma.slaEvent.groupBy({ by: ['queryId', 'kind'], where: { queryId: { in: ids } }, _count: true });
  expect(clocks.filter((c) => c._count > 1)).toEqual([]);
  expect(clocks.filter((c) => c.kind === 'reply_breach' && answered.has(c.queryId))).toEqual([]);

  for (const id of ids) {
    const runs: string[] = [];
    for await (const run of temporal.client.workflow.list({ query: `WorkflowId = '${supportQueryWorkflowId(id)}'` })) runs.push(run.runId);
    // Visibility may trail the start: the workflow is there (describe), and never twice.
    if (runs.length === 0) await temporal.client.workflow.getHandle(supportQueryWorkflowId(id)).describe();
    expect(runs.length, `workflows of query ${id}`).toBeLessThanOrEqual(1);
  }

  // What the clients saw while parts were down (retried with their keys): never a 500.
  expect(failures.filter((f) => f.startsWith('500'))).toEqual([]);
});
