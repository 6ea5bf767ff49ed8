import type { Prisma } from '@guild/db';
import { queueMail, type MailToQueue } from '@guild/platform';
import { PAYOUTS_SOURCE } from '../domain/source.js';

/** Queues a payouts mail in the caller's transaction; the payouts mail relay sends it. */
export function queuePayoutsMail<Data extends Record<string, unknown>>(tx: Prisma.TransactionClient, mail: Omit<MailToQueue<Data>, 'source'>) {
  return queueMail(tx, { ...mail, source: PAYOUTS_SOURCE });
}
