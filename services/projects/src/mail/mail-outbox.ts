import type { Prisma } from '@guild/db';
import { queueMail, type MailToQueue } from '@guild/platform';
import { PROJECTS_SOURCE } from '../domain/source.js';

/** Queues a projects mail in the caller's transaction; the projects mail relay sends it. */
export function queueProjectsMail<Data extends Record<string, unknown>>(tx: Prisma.TransactionClient, mail: Omit<MailToQueue<Data>, 'source'>) {
  return queueMail(tx, { ...mail, source: PROJECTS_SOURCE });
}
