import type { PrismaClient } from '@guild/db';
import type { Logger, MailDirectory } from '@guild/platform';
import { queryNeedsOpsMail } from '../mail/templates.js';
import { queueSupportMail } from './mail-outbox.js';

/**
 * A query from a company nobody of which can receive mail would be answered into the void: ops
 * hear of it at submission. When identity cannot be asked now, the receipt's own delivery is the
 * check — a mail to nobody is given up and listed for ops in /mail/undelivered.
 */
export async function noticeUnreachableCustomer(
  prisma: PrismaClient,
  directory: MailDirectory,
  logger: Logger,
  query: { id: string; number: number; subject: string; customerId: string; contactEmail: string | null },
) {
  if (query.contactEmail) return;
  let reachable: boolean;
  try {
    reachable = (await directory([{ kind: 'company', companyId: query.customerId }])).addresses.length > 0;
  } catch (err) {
    logger.warn({ err, queryId: query.id }, "could not ask identity whether the customer's company can receive mail");
    return;
  }
  if (reachable) return;
  // One insert: it needs no transaction of its own.
  await queueSupportMail(prisma, {
    idempotencyKey: `customer-unreachable:${query.id}`,
    template: queryNeedsOpsMail,
    data: { queryId: query.id, querySubject: query.subject, number: query.number, customerId: query.customerId, problem: 'customer_unreachable' },
    to: [{ kind: 'ops' }],
  });
}
