import type { Prisma } from '@guild/db';
import { queueMail, type MailToQueue } from '@guild/platform';
import { BILLING_SOURCE } from '../domain/source.js';

/** Queues a billing mail in the caller's transaction; billing's mail relay sends it. */
export function queueBillingMail<Data extends Record<string, unknown>>(tx: Prisma.TransactionClient, mail: Omit<MailToQueue<Data>, 'source'>) {
  return queueMail(tx, { ...mail, source: BILLING_SOURCE });
}
