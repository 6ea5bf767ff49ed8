import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { QueryView } from '@guild/contracts';
import { createTestDatabase } from '@guild/db/testing';
import { generateSigningKeyPair } from '@guild/identity/tokens';
import { consumeEvents, createLogger, serviceTokenSource, type Principal } from '@guild/platform';
import { createTestNamespace, eventually, startMailSink } from '@guild/testkit';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../src/activities.js';
import { codecDataConverter } from '../src/codec/data-converter.js';
import { loadCodecKeyRing } from '../src/codec/keys.js';
import { routeEvent } from '../src/event-bridge.js';
import { createServiceClients } from '../src/services.js';
import { supportQueryEventHandlers } from '../src/support-query/bridge-handlers.js';
import { supportQueryWorkflowId } from '../src/support-query/input.js';
import { supportPolicySchema, type SupportPolicy } from '../src/support-query/policy.js';
import { accessTokensOf } from './identity-tokens.js';
import { startServiceProcess } from './service-process.js';
import { connectTestTemporal, workflowsPath } from './temporal.js';

export interface SupportStackOptions {
  /** Identity's access-token lifetime; short to see the worker renew its token during a test. */
  accessTokenTtlSeconds?: number;
}

const secret = () => randomBytes(32).toString('hex');

/**
 * The support process wired as `npm start` wires it, on a database, NATS namespace and task queue
 * of its own: identity (its built entry, its own signing key, the worker's and support's client
 * credentials) and support (its built entry, verifying tokens against identity's JWKS, relaying
 * its mail through identity's address lookups into the mail sink) as processes; the bridge and a
 * worker in this process, both with the payload codec, the worker calling support with a token
 * it gets from identity by client credentials. No JWT_SECRET anywhere. Only the policy's
 * durations are shortened.
 */
export async function startSupportStack(policy: Partial<SupportPolicy>, opts: SupportStackOptions = {}) {
  const logger = createLogger('stack-test', 'silent');
  const db = await createTestDatabase();
  const ns = await createTestNamespace();
  const sink = await startMailSink();
  const dataConverter = codecDataConverter(loadCodecKeyRing());
  const temporal = await connectTestTemporal({ dataConverter });
  const attachmentDir = await mkdtemp(path.join(tmpdir(), 'guild-stack-attachments-'));
  const people = await seedPeople(db.prisma);

  const signingKey = generateSigningKeyPair().privateKeyPem;
  const workerCredentials = { clientId: 'temporal-worker', clientSecret: secret() };
  const supportSecret = secret();
  const shared = {
    DATABASE_URL: db.url,
    NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4233',
    EVENT_NAMESPACE: ns.namespace,
    SMTP_URL: sink.smtpUrl,
    LOG_LEVEL: 'warn',
  };
  const identity = await startServiceProcess('identity', 'services/identity/dist/index.js', {
    ...shared,
    JWT_PRIVATE_KEY: signingKey,
    ACCESS_TOKEN_TTL_SECONDS: String(opts.accessTokenTtlSeconds ?? 900),
    // Every caller of the stack is 127.0.0.1, and tokens that live seconds are asked for every few seconds.
    RATE_LIMIT_SIGN_IN_PER_IP: '10000',
    IDENTITY_WORKER_CLIENT_ID: workerCredentials.clientId,
    IDENTITY_WORKER_CLIENT_SECRET: workerCredentials.clientSecret,
    IDENTITY_SERVICE_CLIENTS: `support=${supportSecret}`,
  });
  const support = await startServiceProcess('support', 'services/support/dist/index.js', {
    ...shared,
    IDENTITY_URL: identity.url,
    IDENTITY_JWKS_URL: `${identity.url}/.well-known/jwks.json`,
    SERVICE_CLIENT_ID: 'support',
    SERVICE_CLIENT_SECRET: supportSecret,
    SUPPORT_SMTP_PORT: '0',
    ATTACHMENT_DIR: attachmentDir,
    ATTACHMENT_KEYS: `stack:${randomBytes(32).toString('base64')}`,
  });
  const tokens = await accessTokensOf(signingKey);

  // The worker's token exactly as worker.ts gets it; the stack only notes each one it used.
  const workerToken = serviceTokenSource({ identityUrl: identity.url, ...workerCredentials });
  const workerTokensUsed = new Set<string>();
  const worker = await Worker.create({
    connection: temporal.workerConnection,
    taskQueue: temporal.taskQueue,
    workflowsPath,
    dataConverter,
    activities: createActivities({
      services: createServiceClients({ SUPPORT_URL: support.url, IDENTITY_URL: identity.url, PROJECTS_URL: 'http://127.0.0.1:9', PAYOUTS_URL: 'http://127.0.0.1:9', BILLING_URL: 'http://127.0.0.1:9', VAULT_URL: 'http://127.0.0.1:9', MARKETPLACE_URL: 'http://127.0.0.1:9', SALES_URL: 'http://127.0.0.1:9' }, async () => {
        const token = await workerToken();
        workerTokensUsed.add(token);
        return token;
      }),
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

  /** A request to support as `principal`, with an access token identity's key signed. */
  async function call<T = QueryView>(principal: Principal, method: string, urlPath: string, body?: unknown) {
    const res = await fetch(new URL(urlPath, support.url), {
      method,
      headers: { authorization: `Bearer ${await tokens.issue(principal)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // A 5xx is never an answer a test expects: show what support printed about it.
    if (res.status >= 500) throw new Error(`support answered ${res.status} to ${method} ${urlPath}:\n${support.output().slice(-4_000)}`);
    return { status: res.status, body: (await res.json()) as T };
  }

  /** The query's workflow once the bridge has started it. */
  async function workflowOf(queryId: string) {
    const handle = temporal.client.workflow.getHandle(supportQueryWorkflowId(queryId));
    await eventually(`workflow of query ${queryId}`, async () => ((await handle.describe()).status.name === 'RUNNING' ? true : undefined));
    return handle;
  }

  /** The mails that reached the sink about a query (its subject is in theirs), each to the people it reached. */
  async function mailsAbout(querySubject: string) {
    const byId = new Map<string, { to: string[]; subject: string; text: string }>();
    for (const [label, address] of Object.entries(people.addresses)) {
      for (const mail of await sink.mailsTo(address)) {
        if (!mail.subject.includes(querySubject)) continue;
        const seen = byId.get(mail.id) ?? { to: [], subject: mail.subject, text: mail.text };
        seen.to.push(label);
        byId.set(mail.id, seen);
      }
    }
    return [...byId.values()].map((m) => ({ ...m, to: m.to.sort() }));
  }

  return {
    db,
    ns,
    temporal,
    handlers,
    identity,
    support,
    call,
    /** An access token for `principal`, for requests `call` cannot make (a file upload). */
    tokenFor: tokens.issue,
    workflowOf,
    mailsAbout,
    /** The customer company, its contact's address, and the experts and ops as identity knows them. */
    people,
    workerTokensUsed,
    async stop() {
      await bridge.stop();
      worker.shutdown();
      await running;
      await support.stop();
      await identity.stop();
      await temporal.close();
      await sink.stop();
      await ns.cleanup();
      await db.drop();
      await rm(attachmentDir, { recursive: true, force: true });
    },
  };
}

/**
 * The people the support process mails, as identity knows them: a customer company with one
 * active member, the experts alice and bob, and an ops member, each at an address of this stack.
 */
async function seedPeople(prisma: Awaited<ReturnType<typeof createTestDatabase>>['prisma']) {
  const run = randomUUID().slice(0, 8);
  const companyId = randomUUID();
  const addresses = {
    [`company:${companyId}`]: `cto-${run}@acme.example`,
    'expert:alice': `alice-${run}@experts.example`,
    'expert:bob': `bob-${run}@experts.example`,
    ops: `ops-${run}@guild.example`,
  };
  const active = { id: '', activatedAt: new Date() };
  await prisma.company.create({ data: { id: companyId, name: 'Acme' } });
  await prisma.user.createMany({
    data: [
      { ...active, id: randomUUID(), kind: 'customer', email: addresses[`company:${companyId}`]!, companyId, companyRole: 'owner' },
      { ...active, id: randomUUID(), kind: 'expert', email: addresses['expert:alice'], expertId: 'alice' },
      { ...active, id: randomUUID(), kind: 'expert', email: addresses['expert:bob'], expertId: 'bob' },
      { ...active, id: randomUUID(), kind: 'ops', email: addresses.ops },
    ],
  });
  return {
    acme: { subject: `user-acme-${run}`, role: 'customer', customerId: companyId } satisfies Principal,
    companyLabel: `company:${companyId}`,
    addresses: addresses as Record<string, string>,
  };
}

export { expert, ops } from '@guild/testkit';
