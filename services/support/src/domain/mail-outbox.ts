import { randomUUID } from 'node:crypto';
import type { Prisma } from '@guild/db';
import { MAIL_DOMAIN, replyAddressOf, threadMessageIdOf } from './thread.js';

export interface MailToQueue {
  /** One mail per purpose ("reply:<id>", "breach:<query>:<due>"): a retried call never sends twice. */
  idempotencyKey: string;
  queryId: string | null;
  to: string[];
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

/**
 * Queues a mail in the same transaction as the state change it reports; the mail relay sends it.
 * A mail already queued under the same key is left as it is.
 */
export async function queueMail(tx: Prisma.TransactionClient, mail: MailToQueue): Promise<void> {
  if (mail.to.length === 0) return;
  await tx.supportOutboundMail.upsert({
    where: { idempotencyKey: mail.idempotencyKey },
    create: {
      id: randomUUID(),
      idempotencyKey: mail.idempotencyKey,
      queryId: mail.queryId,
      toAddresses: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: mail.headers ?? {},
    },
    update: {},
  });
}

/** Headers that put a mail into the query's thread and route answers back to the query. */
export function threadHeaders(query: { id: string; threadMessageId: string | null }, messageKey: string) {
  // Our own Message-IDs are in our domain, even when the thread began with the customer's mail.
  const thread = query.threadMessageId ?? threadMessageIdOf(query.id);
  return {
    'Message-ID': `<${messageKey}@${MAIL_DOMAIN}>`,
    'In-Reply-To': thread,
    References: thread,
    'Reply-To': replyAddressOf(query.id),
  };
}

/** The addresses a customer's query mails go to: the address it came from, else the customer's contacts. */
export async function customerAddresses(tx: Prisma.TransactionClient, query: { customerId: string; contactEmail: string | null }) {
  if (query.contactEmail) return [query.contactEmail];
  const contacts = await tx.customerContact.findMany({ where: { customerId: query.customerId }, orderBy: { createdAt: 'asc' } });
  return contacts.map((c) => c.email);
}
