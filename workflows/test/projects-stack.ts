import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import { consumeEvents, createLogger, serviceTokenSource, startMailRelay, startOutboxRelay, type Logger, type MailDirectory, type Principal } from '@guild/platform';
import { projectsMailTemplates } from '@guild/projects/mail';
import { createServer } from '@guild/projects/server';
import { createTestNamespace, eventually, listenOnFreePort, startMailSink, testJwtSecret, tokenFor } from '@guild/testkit';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../src/activities.js';
import { joinEventHandlers, routeEvent, type BridgeContext, type EventHandlers } from '../src/event-bridge.js';
import { projectMeetingEventHandlers } from '../src/project-meeting/bridge-handlers.js';
import { meetingPolicySchema, type MeetingPolicy } from '../src/project-meeting/policy.js';
import { createServiceClients, serviceUrlConfig } from '../src/services.js';
import { weeklySprintEventHandlers } from '../src/weekly-sprint/bridge-handlers.js';
import { sprintPolicySchema, type SprintPolicy } from '../src/weekly-sprint/policy.js';
import { connectTestTemporal, workflowsPath } from './temporal.js';

/** What services running beside projects share with it: its database, NATS namespace, mail sink and people. */
export interface StackShared {
  db: TestDatabase;
  ns: Awaited<ReturnType<typeof createTestNamespace>>;
  sink: Awaited<ReturnType<typeof startMailSink>>;
  directory: MailDirectory;
  logger: Logger;
  bridge: BridgeContext;
}

/** Services beside projects (the hiring stack's marketplace, vault and billing): where the worker reaches them, what the bridge routes to their processes. */
export interface Neighbours {
  urls: Partial<Record<keyof typeof serviceUrlConfig, string>>;
  handlers: EventHandlers;
  stop(): Promise<void>;
}

/**
 * The projects process end to end, in one process: the projects app on its own database, its
 * outbox relay to its own NATS namespace and its mail relay to the mail sink, the bridge
 * consumer, and a Temporal worker (which a test may restart) calling the app over HTTP. People
 * resolve to addresses of this run's own domain, so a shared mail sink is fine. `alongside` starts
 * more services on the same database, namespace and sink before the worker and the bridge start.
 */
export async function startProjectsStack(
  policies: { sprint: Partial<SprintPolicy>; meeting: Partial<MeetingPolicy> },
  alongside?: (shared: StackShared) => Promise<Neighbours>,
) {
  const logger = createLogger('projects-stack-test', 'silent');
  const run = randomUUID().slice(0, 8);
  const addressOf = {
    company: (id: string) => `${id}@customers-${run}.example`,
    expert: (id: string) => `${id}@experts-${run}.example`,
    ops: `ops@guild-${run}.example`,
  };
  const directory: MailDirectory = async (people) => ({
    addresses: people.map((p) => (p.kind === 'company' ? addressOf.company(p.companyId) : p.kind === 'expert' ? addressOf.expert(p.expertId) : p.kind === 'ops' ? addressOf.ops : `${p.userId}@users-${run}.example`)),
    unresolved: [],
  });

  const db = await createTestDatabase();
  const ns = await createTestNamespace();
  const temporal = await connectTestTemporal();
  const sink = await startMailSink();
  const relay = startOutboxRelay({ prisma: db.prisma, nc: ns.nc, namespace: ns.namespace, source: 'projects', logger, pollMs: 100 });
  const mailRelay = startMailRelay({ prisma: db.prisma, source: 'projects', templates: projectsMailTemplates, directory, smtpUrl: sink.smtpUrl, from: 'Guild projects <projects@projects.guild.local>', logger, pollMs: 100 });
  const settings = { rescheduleNoticeHours: 12, npsLinkKey: 'nps-stack-key-0123456789abcdef0123', publicUrl: 'http://127.0.0.1:9' };
  const app = createServer({
    prisma: db.prisma,
    logger,
    jwtSecret: testJwtSecret,
    readiness: {},
    settings,
    eventsRecorded: () => {
      relay.nudge();
      mailRelay.nudge();
    },
  });
  const { baseUrl, close: closeServer } = await listenOnFreePort(app);
  // The NPS links point at this app: it listens before any survey is mailed.
  settings.publicUrl = baseUrl;

  const ctx = { client: temporal.client, taskQueue: temporal.taskQueue };
  const neighbours = await alongside?.({ db, ns, sink, directory, logger, bridge: ctx });
  // Only projects (and the neighbours) answer here: nothing the sprint or a meeting does calls another service.
  const nowhere = Object.fromEntries(Object.keys(serviceUrlConfig).map((variable) => [variable, 'http://127.0.0.1:9'])) as Parameters<typeof createServiceClients>[0];
  const services = createServiceClients({ ...nowhere, PROJECTS_URL: baseUrl, ...neighbours?.urls }, serviceTokenSource({ jwtSecret: testJwtSecret }));
  let worker: { shutdown(): void; running: Promise<void> } | undefined;
  async function startWorker() {
    const created = await Worker.create({ connection: temporal.workerConnection, taskQueue: temporal.taskQueue, workflowsPath, activities: createActivities({ services }) });
    worker = { shutdown: () => created.shutdown(), running: created.run() };
  }
  async function stopWorker() {
    worker?.shutdown();
    await worker?.running;
    worker = undefined;
  }
  await startWorker();

  const handlers = joinEventHandlers(
    weeklySprintEventHandlers(ctx, sprintPolicySchema.parse(policies.sprint)),
    projectMeetingEventHandlers(ctx, meetingPolicySchema.parse(policies.meeting)),
    neighbours?.handlers ?? {},
  );
  const bridge = consumeEvents({
    nc: ns.nc,
    namespace: ns.namespace,
    durable: 'temporal-bridge',
    subjects: Object.keys(handlers),
    logger,
    idempotency: { prisma: db.prisma },
    handle: routeEvent(handlers, logger),
  });

  async function call<T = Record<string, unknown>>(principal: Principal, method: string, path: string, body?: unknown) {
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers: { authorization: `Bearer ${await tokenFor(principal)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  /** A workflow once the bridge has started it (its latest run). */
  async function runningWorkflow(workflowId: string) {
    const handle = temporal.client.workflow.getHandle(workflowId);
    await eventually(`workflow ${workflowId} running`, async () => ((await handle.describe()).status.name === 'RUNNING' ? true : undefined));
    return handle;
  }

  return {
    db,
    temporal,
    sink,
    baseUrl,
    addressOf,
    call,
    runningWorkflow,
    startWorker,
    stopWorker,
    async stop() {
      await bridge.stop();
      await stopWorker();
      await neighbours?.stop();
      await mailRelay.stop();
      await relay.stop();
      await closeServer();
      await sink.stop();
      await temporal.close();
      await ns.cleanup();
      await db.drop();
    },
  };
}
