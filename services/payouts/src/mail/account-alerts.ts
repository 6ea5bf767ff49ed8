import type { PayoutAccount, Prisma } from '@guild/db';
import { queuePayoutsMail } from './mail-outbox.js';
import { accountNeedsAttentionMail, accountPausedMail } from './templates.js';

/** Tells whoever can fix an unpayable account: the expert what Stripe needs, or ops a pause by Stripe. */
export async function accountAlertMails(tx: Prisma.TransactionClient, account: PayoutAccount): Promise<void> {
  const key = `${account.expertId}:${account.updatedAt.getTime()}`;
  if (account.status === 'requirements_due') {
    await queuePayoutsMail(tx, {
      idempotencyKey: `account-attention:${key}`,
      template: accountNeedsAttentionMail,
      data: { missing: account.missing },
      to: [{ kind: 'expert', expertId: account.expertId }],
    });
  } else if (account.status === 'paused_by_stripe') {
    await queuePayoutsMail(tx, {
      idempotencyKey: `account-paused:${key}`,
      template: accountPausedMail,
      data: { expertId: account.expertId, stripeAccountId: account.stripeAccountId ?? '', disabledReason: account.disabledReason },
      to: [{ kind: 'ops' }],
    });
  }
}
