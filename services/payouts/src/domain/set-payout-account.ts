import type { PayoutAccountBody } from '@guild/contracts';
import type { PayoutAccount, PrismaClient } from '@guild/db';
import type { StripeConnect } from '../stripe/connect.js';
import { recordAccountState } from './account-check.js';
import { readStripeAccount } from './read-stripe-account.js';

/**
 * Sets where the expert is paid. A connected account is checked with Stripe at once, so an expert
 * onboarding learns what Stripe still needs now, not when they first ask for money.
 */
export async function setPayoutAccount(prisma: PrismaClient, stripe: StripeConnect, expertId: string, body: PayoutAccountBody): Promise<PayoutAccount> {
  if (body.kind === 'bank_transfer') {
    const data = {
      kind: 'bank_transfer' as const,
      status: 'manual' as const,
      stripeAccountId: null,
      missing: [],
      disabledReason: null,
      accountHolder: body.accountHolder,
      iban: body.iban.replace(/\s+/g, ''),
      bankName: body.bankName ?? null,
      checkedAt: new Date(),
    };
    return prisma.payoutAccount.upsert({ where: { expertId }, create: { expertId, ...data }, update: data });
  }
  const state = await readStripeAccount(stripe, body.stripeAccountId);
  return prisma.$transaction(async (tx) => {
    const previous = await tx.payoutAccount.findUnique({ where: { expertId } });
    const sameAccount = previous?.stripeAccountId === body.stripeAccountId ? previous : null;
    const data = { kind: 'stripe_connect' as const, stripeAccountId: body.stripeAccountId, accountHolder: null, iban: null, bankName: null };
    await tx.payoutAccount.upsert({
      where: { expertId },
      create: { expertId, ...data, status: 'requirements_due', checkedAt: new Date() },
      update: data,
    });
    return recordAccountState(tx, expertId, sameAccount, state);
  });
}
