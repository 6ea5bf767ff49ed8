import { createSecretKey, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { startApprovedWorkConsumer, startBillingApp, type BillingApp } from '@guild/billing/testing';
import { marketplaceMailTemplates } from '@guild/marketplace/mail';
import { createServer as createMarketplaceServer } from '@guild/marketplace/server';
import { consumeEvents, createSealer, startMailRelay, startOutboxRelay, type Principal } from '@guild/platform';
import { eventually, listenOnFreePort, testJwtSecret, tokenFor } from '@guild/testkit';
import { followProject } from '@guild/vault/project-follower';
import { createServer as createVaultServer } from '@guild/vault/server';
import { projectActivated, projectCreated, projectEnded, projectPaused, projectResumed } from '@guild/contracts';
import { joinEventHandlers } from '../src/event-bridge.js';
import { hiringEventHandlers } from '../src/hiring/bridge-handlers.js';
import { hiringWorkflowId } from '../src/hiring/input.js';
import { hiringPolicySchema, type HiringPolicy } from '../src/hiring/policy.js';
import { startProjectsStack, type Neighbours, type StackShared } from './projects-stack.js';

export const expertMailDomain = 'experts.hiring-test.example';

/**
 * The hiring process end to end in one process: the projects stack (projects, its relays, the
 * bridge, a worker) with the marketplace (its outbox and mail relays), the vault (its outbox relay
 * and its follower of projects' events) and billing (stripe-mock behind its counting proxy, its
 * outbox relay and its consumer of approved hours) beside it on the same database, NATS
 * namespace and mail sink, as `npm start` runs them on one database. The bridge starts
 * `hiring-<jobId>` with `policy` (short clocks); the sprint keeps its default week. `alongside`
 * starts more services beside these (the sales stack's), as the projects stack's does.
 */
export async function startHiringStack(policy: Partial<HiringPolicy>, alongside?: (shared: StackShared) => Promise<Neighbours>) {
  const urls = { marketplace: '', vault: '', billing: '' };
  let billingApp!: BillingApp;
  const stack = await startProjectsStack({ sprint: {}, meeting: {} }, async (shared) => {
    const neighbours = await startNeighbours(shared, hiringPolicySchema.parse(policy));
    billingApp = neighbours.billingApp;
    urls.marketplace = neighbours.urls.MARKETPLACE_URL!;
    urls.vault = neighbours.urls.VAULT_URL!;
    urls.billing = neighbours.urls.BILLING_URL!;
    const more = await alongside?.(shared);
    if (!more) return neighbours;
    return {
      urls: { ...neighbours.urls, ...more.urls },
      handlers: joinEventHandlers(neighbours.handlers, more.handlers),
      async stop() {
        await more.stop();
        await neighbours.stop();
      },
    };
  });

  const callTo =
    (baseUrl: string) =>
    async <T = Record<string, unknown>>(principal: Principal, method: string, path: string, body?: unknown) => {
      const res = await fetch(new URL(path, baseUrl), {
        method,
        headers: { authorization: `Bearer ${await tokenFor(principal)}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as T };
    };

  return {
    ...stack,
    marketplace: callTo(urls.marketplace),
    vault: callTo(urls.vault),
    billing: callTo(urls.billing),
    /** Billing's app, its database and the proxy in front of stripe-mock (what Stripe shows, its webhooks). */
    billingApp,
    projects: stack.call,
    /** The job's hiring workflow once the bridge has started it. */
    hiringOf: (jobId: string) => stack.runningWorkflow(hiringWorkflowId(jobId)),
    /** The newest mail to `address` whose subject contains `subject`, once it has arrived. */
    mailTo: (address: string, subject: string) =>
      eventually(`a mail "${subject}" to ${address}`, async () => (await stack.sink.mailsTo(address)).filter((m) => m.subject.includes(subject)).at(-1), { timeoutMs: 30_000 }),
  };
}
export type HiringStack = Awaited<ReturnType<typeof startHiringStack>>;

async function startNeighbours({ db, ns, sink, directory, logger, bridge }: StackShared, policy: HiringPolicy): Promise<Neighbours & { billingApp: BillingApp }> {
  const { prisma } = db;
  const relayOf = (source: string) => startOutboxRelay({ prisma, nc: ns.nc, namespace: ns.namespace, source, logger, pollMs: 100 });

  const marketplaceRelay = relayOf('marketplace');
  const marketplaceMail = startMailRelay({ prisma, source: 'marketplace', templates: marketplaceMailTemplates, directory, smtpUrl: sink.smtpUrl, from: 'Guild hiring <hiring@guild.local>', logger, pollMs: 100 });
  const marketplace = await listenOnFreePort(
    createMarketplaceServer({
      prisma,
      logger,
      jwtSecret: testJwtSecret,
      readiness: {},
      settings: { expertMailDomain, projectsPublicUrl: 'http://board.hiring-test.example' },
      eventsRecorded: () => {
        marketplaceRelay.nudge();
        marketplaceMail.nudge();
      },
    }),
  );

  const vaultRelay = relayOf('vault');
  const masterKey = createSecretKey(randomBytes(32));
  const vault = await listenOnFreePort(
    createVaultServer({
      prisma,
      logger,
      jwtSecret: testJwtSecret,
      readiness: {},
      sealer: createSealer({ current: { id: 'hiring-test', key: masterKey }, byId: new Map([['hiring-test', masterKey]]) }),
      maxSecretBytes: 8 * 1024,
      eventsRecorded: () => vaultRelay.nudge(),
    }),
  );
  // The vault learns who works for whom from projects' events, as in production.
  const vaultFollower = consumeEvents({
    nc: ns.nc,
    namespace: ns.namespace,
    durable: 'vault-projects',
    subjects: [projectCreated.subject, projectActivated.subject, projectResumed.subject, projectPaused.subject, projectEnded.subject],
    logger,
    idempotency: { prisma },
    handle: followProject(prisma),
  });

  // Billing answers the welcome step's question about a deposit invoice, draws approved hours
  // from projects' events and publishes its payments.
  const billing = await startBillingApp(db);
  const billingRelay = relayOf('billing');
  const approvedWork = startApprovedWorkConsumer({ nc: ns.nc, namespace: ns.namespace, deps: billing.deps, logger });
  const billingServer = billing.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => billingServer.once('listening', resolve));

  return {
    urls: { MARKETPLACE_URL: marketplace.baseUrl, VAULT_URL: vault.baseUrl, BILLING_URL: `http://127.0.0.1:${(billingServer.address() as AddressInfo).port}` },
    handlers: hiringEventHandlers(bridge, policy),
    billingApp: billing,
    async stop() {
      await approvedWork.stop();
      await billingRelay.stop();
      await vaultFollower.stop();
      await vaultRelay.stop();
      await marketplaceMail.stop();
      await marketplaceRelay.stop();
      await marketplace.close();
      await vault.close();
      await new Promise((resolve) => billingServer.close(resolve));
      await billing.close();
    },
  };
}
