import { randomUUID } from 'node:crypto';
import type { Prisma } from '@guild/db';
import { recipientSchema, type Recipient } from './recipients.js';
import { validMailData, type MailTemplate } from './template.js';

export interface MailToQueue<Data extends Record<string, unknown>> {
  /** The service whose relay sends it, e.g. "support". */
  source: string;
  /** One mail per purpose ("reply:<id>", "breach:<query>:<due>"): queueing it again changes nothing. */
  idempotencyKey: string;
  template: MailTemplate<Data>;
  data: Data;
  to: Recipient[];
  /** Threading and Reply-To headers; the relay adds a Message-ID when there is none. */
  headers?: Record<string, string>;
}

/**
 * Queues a mail in the caller's transaction, beside the state change it reports; the service's
 * mail relay sends it. Data the template does not declare, or no recipient at all, throws: a
 * mistake is found by a test, not by a customer receiving a blank mail.
 */
export async function queueMail<Data extends Record<string, unknown>>(tx: Prisma.TransactionClient, mail: MailToQueue<Data>): Promise<void> {
  const data = validMailData(mail.template, mail.data);
  if (mail.to.length === 0) throw new Error(`the mail "${mail.idempotencyKey}" has no recipient`);
  const recipients = mail.to.map((r) => recipientSchema.parse(r));
  await tx.outboundMail.createMany({
    data: [
      {
        id: randomUUID(),
        source: mail.source,
        idempotencyKey: mail.idempotencyKey,
        template: mail.template.name,
        data: data as Prisma.InputJsonObject,
        recipients: recipients as Prisma.InputJsonArray,
        headers: mail.headers ?? {},
      },
    ],
    skipDuplicates: true,
  });
}
