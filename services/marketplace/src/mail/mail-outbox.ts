import type { Prisma } from '@guild/db';
import { queueMail, type MailToQueue } from '@guild/platform';
import { MARKETPLACE_SOURCE } from '../domain/source.js';

/** Queues a hiring mail in the caller's transaction; the marketplace mail relay sends it. */
export function queueMarketplaceMail<Data extends Record<string, unknown>>(tx: Prisma.TransactionClient, mail: Omit<MailToQueue<Data>, 'source'>) {
  return queueMail(tx, { ...mail, source: MARKETPLACE_SOURCE });
}
