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

/** An `outbound_mail` row as queued: the mail's data valid for its template, its recipients checked. */
export interface QueuedMailRow {
  id: string;
  source: string;
  idempotencyKey: string;
  template: string;
  data: Record<string, unknown>;
  recipients: Recipient[];
  headers: Record<string, string>;
}

/**
 * The row that queues a mail. Data the template does not declare, or no recipient at all, throws:
 * a mistake is found by a test, not by a customer receiving a blank mail. For writers that insert
 * the row themselves (`ON CONFLICT DO NOTHING`, as `queueMail`), in the statement of the state
 * change it reports; others use `queueMail`.
 */
export function queuedMailRowOf<Data extends Record<string, unknown>>(mail: MailToQueue<Data>): QueuedMailRow {
  const data = validMailData(mail.template, mail.data);
  if (mail.to.length === 0) throw new Error(`the mail "${mail.idempotencyKey}" has no recipient`);
  return {
    id: randomUUID(),
    source: mail.source,
    idempotencyKey: mail.idempotencyKey,
    template: mail.template.name,
    data,
    recipients: mail.to.map((r) => recipientSchema.parse(r)),
    headers: mail.headers ?? {},
  };
}

/**
 * Queues a mail in the caller's transaction, beside the state change it reports; the service's
 * mail relay sends it. Queueing a mail whose idempotency key is taken changes nothing.
 */
export async function queueMail<Data extends Record<string, unknown>>(tx: Prisma.TransactionClient, mail: MailToQueue<Data>): Promise<void> {
  const row = queuedMailRowOf(mail);
  await tx.outboundMail.createMany({
    data: [{ ...row, data: row.data as Prisma.InputJsonObject, recipients: row.recipients as Prisma.InputJsonArray }],
    skipDuplicates: true,
  });
}
