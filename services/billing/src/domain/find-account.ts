import type { PrismaClient } from '@guild/db';
import { assertCanSee, type Principal } from '@guild/platform';
import { noBillingAccount } from './billing-errors.js';

/** The customer's billing account, if the caller may see it; another company's answers 404 like a missing one. */
export async function findVisibleAccount(prisma: PrismaClient, principal: Principal, customerId: string) {
  assertCanSee(principal, { customerId }, 'billing account');
  const account = await prisma.billingAccount.findUnique({ where: { customerId } });
  if (!account) throw noBillingAccount(customerId);
  return account;
}
