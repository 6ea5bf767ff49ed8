import { createTokenIssuer, signingKeysFromPem, generateSigningKeyPair } from '@guild/identity/tokens';
import { createServer as createIdentityServer } from '@guild/identity/server';
import { createServer as createPayoutsServer } from '@guild/payouts/server';
import { startCommissionConsumer } from '@guild/sales/commissions';
import { salesMailTemplates } from '@guild/sales/mail';
import { createServer as createSalesServer } from '@guild/sales/server';
import { startMailRelay, startOutboxRelay, type Principal } from '@guild/platform';
import { listenOnFreePort, testJwtSecret, tokenFor } from '@guild/testkit';
import { joinEventHandlers } from '../src/event-bridge.js';
import { leadToCustomerEventHandlers } from '../src/lead-to-customer/bridge-handlers.js';
import { commissionWorkflowId, leadWorkflowId } from '../src/lead-to-customer/input.js';
import { leadPolicySchema, type LeadPolicy } from '../src/lead-to-customer/policy.js';
import { monthlyBillingEventHandlers } from '../src/monthly-billing/bridge-handlers.js';
import type { HiringPolicy } from '../src/hiring/policy.js';
import { startHiringStack } from './hiring-stack.js';
import type { Neighbours, StackShared } from './projects-stack.js';

export interface SalesStackPolicies {
  lead: Partial<LeadPolicy>;
  /** The commission's refund window, scaled. */
  refundWindowSeconds: number;
  hiring?: Partial<HiringPolicy>;
}

/**
 * The lead process end to end in one process: the hiring stack (projects, marketplace, vault,
 * billing on stripe-mock, the bridge and a worker) with identity (which opens the won customer's
 * company), sales (its outbox and mail relays, its consumer of billing's payments and refunds)
 * and payouts beside it on the same database, NATS namespace and mail sink. The bridge starts
 * `lead-<id>` with the scaled LEAD_POLICY and `commission-<lineId>` for each commission sales
 * books, and tells a customer's billing process of its payment.
 */
export async function startSalesStack(policies: SalesStackPolicies) {
  const urls = { sales: '', identity: '', payouts: '' };
  const stack = await startHiringStack(policies.hiring ?? {}, async (shared) => {
    const started = await startSalesNeighbours(shared, policies);
    urls.sales = started.urls.SALES_URL!;
    urls.identity = started.urls.IDENTITY_URL!;
    urls.payouts = started.urls.PAYOUTS_URL!;
    return started;
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
    sales: callTo(urls.sales),
    salesUrl: urls.sales,
    identity: callTo(urls.identity),
    payouts: callTo(urls.payouts),
    leadOf: (leadId: string) => stack.runningWorkflow(leadWorkflowId(leadId)),
    commissionOf: (lineId: string) => stack.runningWorkflow(commissionWorkflowId(lineId)),
  };
}
export type SalesStack = Awaited<ReturnType<typeof startSalesStack>>;

async function startSalesNeighbours({ db, ns, sink, directory, logger, bridge }: StackShared, policies: SalesStackPolicies): Promise<Neighbours> {
  const { prisma } = db;
  const relayOf = (source: string) => startOutboxRelay({ prisma, nc: ns.nc, namespace: ns.namespace, source, logger, pollMs: 100 });

  const identityRelay = relayOf('identity');
  const tokens = createTokenIssuer(await signingKeysFromPem(generateSigningKeyPair().privateKeyPem));
  const identity = await listenOnFreePort(createIdentityServer({ prisma, logger, tokens, jwtSecret: testJwtSecret, readiness: {}, eventsRecorded: () => identityRelay.nudge() }));

  const salesRelay = relayOf('sales');
  const salesMail = startMailRelay({ prisma, source: 'sales', templates: salesMailTemplates, directory, smtpUrl: sink.smtpUrl, from: 'Guild sales <sales@sales.guild.local>', logger, pollMs: 100 });
  const sales = await listenOnFreePort(
    createSalesServer({
      prisma,
      logger,
      jwtSecret: testJwtSecret,
      readiness: {},
      // The test accepts a draft with the mailed token against this app's address.
      publicUrl: 'http://sales.stack.example',
      eventsRecorded: () => {
        salesRelay.nudge();
        salesMail.nudge();
      },
    }),
  );
  const commissions = startCommissionConsumer({ nc: ns.nc, namespace: ns.namespace, prisma, logger, refundWindowSeconds: policies.refundWindowSeconds, booked: () => salesRelay.nudge() });

  // No payout request is made here: payouts only credits commissions.
  const payouts = await listenOnFreePort(
    createPayoutsServer({
      prisma,
      logger,
      jwtSecret: testJwtSecret,
      readiness: {},
      listing: async () => null,
      stripe: {
        readAccount: async () => ({ payoutsEnabled: false, missing: [], disabledReason: null }),
        transfer: async () => {
          throw new Error('the sales stack makes no transfers');
        },
      },
    }),
  );

  return {
    urls: { IDENTITY_URL: identity.baseUrl, SALES_URL: sales.baseUrl, PAYOUTS_URL: payouts.baseUrl },
    handlers: joinEventHandlers(leadToCustomerEventHandlers(bridge, leadPolicySchema.parse(policies.lead)), monthlyBillingEventHandlers(bridge)),
    async stop() {
      await commissions.stop();
      await salesMail.stop();
      await salesRelay.stop();
      await identityRelay.stop();
      await sales.close();
      await identity.close();
      await payouts.close();
    },
  };
}
