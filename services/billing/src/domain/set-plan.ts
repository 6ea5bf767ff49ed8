import type { SetPlanBody } from '@guild/contracts';
import type { BillingDeps } from './billing-deps.js';
import { drawParkedEntries } from './draw-approved-work.js';
import { startDeposit } from './start-deposit.js';

/**
 * Opens (or changes) a customer's billing plan. The first time, the customer gets a Stripe
 * customer; a deposit plan then gets the deposit invoice that collects its safe balance (the ledger
 * is credited only when Stripe confirms the payment). Entries parked for want of a plan are drawn.
 */
export async function setPlan(deps: BillingDeps, customerId: string, body: SetPlanBody) {
  const { prisma, stripe } = deps;
  const existing = await prisma.billingAccount.findUnique({ where: { customerId } });
  const stripeCustomerId =
    existing?.stripeCustomerId ??
    (await stripe.customers.create({ name: customerId, metadata: { guild_customer_id: customerId } }, { idempotencyKey: `customer:${customerId}` })).id;
  const account = await prisma.billingAccount.upsert({
    where: { customerId },
    create: { customerId, stripeCustomerId, plan: body.plan, cadence: body.cadence, overageApprovalCents: body.overageApprovalCents },
    update: { plan: body.plan, cadence: body.cadence, overageApprovalCents: body.overageApprovalCents },
  });
  if (body.plan === 'deposit' && body.depositCents !== undefined) await startDeposit(deps, account, body.depositCents);
  await drawParkedEntries(deps, customerId);
  return account;
}
