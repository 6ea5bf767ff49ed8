import type { OutboundMail, Prisma, PrismaClient } from '@guild/db';
import nodemailer from 'nodemailer';
import type { Logger } from '../logger.js';
import { startPollingRelay, type PollingRelay } from '../polling-relay.js';
import type { MailMetrics } from './metrics.js';
import { describeRecipient, recipientSchema, resolveRecipients, type MailDirectory } from './recipients.js';
import { renderMail, type MailTemplates } from './template.js';

export interface MailRelayOptions {
  prisma: PrismaClient;
  /** Only this service's mails are sent: each service relays its own. */
  source: string;
  templates: MailTemplates;
  /** Turns people into addresses at send time (identity's endpoint, or identity itself). */
  directory: MailDirectory;
  smtpUrl: string;
  /** The From of every mail, e.g. `Guild support <support@support.guild.local>`; its domain names Message-IDs. */
  from: string;
  logger: Logger;
  metrics?: MailMetrics;
  /** Pause between passes when idle; `nudge()` cuts it short. Default 1 s. */
  pollMs?: number;
  /** Mails claimed per pass. Default 20. */
  batchSize?: number;
  /** Failed sends before a mail is given up. Default 20 (with the default pauses, about two hours). */
  maxAttempts?: number;
  /** The pause after the first failure, doubled after each further one, up to `retryMaxMs`. Defaults 1 s and 10 min. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Test-only crash point: throwing here kills the pass as a crash between send and mark would. */
  afterSend?: (mailId: string) => Promise<void>;
}

export type MailRelay = PollingRelay;

type Failure = { kind: 'retry'; error: Error & { responseCode?: number; code?: string } } | { kind: 'give_up'; reason: 'unresolvable' | 'refused' | 'unrenderable'; lastError?: string };

const messageIdHeader = (headers: Record<string, string>) => Object.keys(headers).find((name) => name.toLowerCase() === 'message-id');

/** The headers a mail was queued with, as strings; anything else in the column is ignored. */
function headersOf(value: Prisma.JsonValue): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * Sends one service's mails from `platform.outbound_mail`, due ones first. Mails are claimed with
 * `FOR UPDATE SKIP LOCKED` and stay locked until marked, so several relays never send one mail at
 * once. Each mail is rendered from its template, its people resolved to their addresses now, and
 * sent as text and HTML with a Message-ID that is the same on every attempt: a relay that dies
 * between sending and marking sends it again later, and mail clients show the copies as one.
 * Failures wait with a doubling pause kept in the row; a 5xx refusal, a mail that resolves to
 * nobody, or too many failures give it up — logged at error, counted, and listed for ops.
 * Subjects, bodies and addresses never reach the logs.
 */
export function startMailRelay(opts: MailRelayOptions): MailRelay {
  const { prisma, logger, source } = opts;
  const batchSize = opts.batchSize ?? 20;
  const maxAttempts = opts.maxAttempts ?? 20;
  const retryBaseMs = opts.retryBaseMs ?? 1_000;
  const retryMaxMs = opts.retryMaxMs ?? 10 * 60_000;
  const messageIdDomain = /@([^>\s]+)>?\s*$/.exec(opts.from)?.[1] ?? 'guild.local';
  // Short timeouts: mails are sent while their rows are locked inside a transaction.
  const transport = nodemailer.createTransport({ url: opts.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });

  async function sendDue(): Promise<number> {
    return prisma.$transaction(
      async (tx) => {
        const claimed = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM platform.outbound_mail
           WHERE source = ${source} AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ${new Date()}
           ORDER BY next_attempt_at, created_at, id
           LIMIT ${batchSize}
           FOR UPDATE SKIP LOCKED`;
        if (claimed.length === 0) return 0;
        const rows = await tx.outboundMail.findMany({
          where: { id: { in: claimed.map((row) => row.id) } },
          orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        });
        let handled = 0;
        for (const row of rows) {
          const failure = await sendOne(tx, row);
          handled += 1;
          if (!failure) continue;
          if (failure.kind === 'give_up') await giveUp(tx, row, failure.reason, failure.lastError);
          else await retryLater(tx, row, failure.error);
          // No answer from the SMTP server or identity at all: the rest of the batch would fail the same way.
          if (failure.kind === 'retry' && !failure.error.responseCode) break;
        }
        return handled;
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  }

  async function sendOne(tx: Prisma.TransactionClient, row: OutboundMail): Promise<Failure | null> {
    const template = opts.templates.get(row.template);
    let rendered;
    try {
      if (!template) throw new Error(`no template "${row.template}"`);
      rendered = renderMail(template, row.data);
    } catch (error) {
      logger.error({ mailId: row.id, template: row.template, err: error }, 'a queued mail cannot be rendered');
      return { kind: 'give_up', reason: 'unrenderable' };
    }
    const recipients = recipientSchema.array().parse(row.recipients);
    const headers = headersOf(row.headers);
    const messageId = headers[messageIdHeader(headers) ?? ''] ?? `<m-${row.id}@${messageIdDomain}>`;
    if (!messageIdHeader(headers)) headers['Message-ID'] = messageId;
    try {
      const { addresses, unresolved } = await resolveRecipients(recipients, opts.directory);
      if (unresolved.length > 0) {
        logger.warn({ mailId: row.id, template: row.template, unresolved: unresolved.map(describeRecipient) }, 'some recipients of a mail stand for nobody');
      }
      if (addresses.length === 0) return { kind: 'give_up', reason: 'unresolvable' };
      await transport.sendMail({ from: opts.from, to: addresses, subject: rendered.subject, text: rendered.text, html: rendered.html, headers });
      logger.info({ mailId: row.id, template: row.template, recipients: addresses.length, attempts: row.attempts + 1 }, 'mail sent');
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      const responseCode = (failure as { responseCode?: number }).responseCode;
      if (responseCode !== undefined && responseCode >= 500) return { kind: 'give_up', reason: 'refused', lastError: failure.message.slice(0, 2_000) };
      return { kind: 'retry', error: failure };
    }
    await opts.afterSend?.(row.id);
    await tx.outboundMail.update({
      where: { id: row.id },
      data: { sentAt: new Date(), messageId, lastError: null, ...(template!.holdsSecrets ? { data: {} } : {}) },
    });
    opts.metrics?.sent.inc();
    return null;
  }

  async function giveUp(tx: Prisma.TransactionClient, row: OutboundMail, reason: string, lastError?: string) {
    const secret = opts.templates.get(row.template)?.holdsSecrets;
    await tx.outboundMail.update({
      where: { id: row.id },
      data: { failedAt: new Date(), failure: reason, ...(lastError ? { lastError } : {}), ...(secret ? { data: {} } : {}) },
    });
    opts.metrics?.givenUp.inc({ reason });
    logger.error({ mailId: row.id, template: row.template, reason, attempts: row.attempts }, 'a mail was given up; ops see it in /mail/undelivered');
  }

  async function retryLater(tx: Prisma.TransactionClient, row: OutboundMail, error: Error & { responseCode?: number; code?: string }) {
    const attempts = row.attempts + 1;
    const lastError = error.message.slice(0, 2_000);
    if (attempts >= maxAttempts) {
      await tx.outboundMail.update({ where: { id: row.id }, data: { attempts } });
      await giveUp(tx, { ...row, attempts }, 'attempts_exhausted', lastError);
      return;
    }
    const pauseMs = Math.min(retryMaxMs, retryBaseMs * 2 ** (attempts - 1));
    await tx.outboundMail.update({ where: { id: row.id }, data: { attempts, lastError, nextAttemptAt: new Date(Date.now() + pauseMs) } });
    // The error's message may quote addresses: only its codes are logged.
    logger.warn({ mailId: row.id, template: row.template, attempts, responseCode: error.responseCode, code: error.code, retryInMs: pauseMs }, 'sending a mail failed; it will be retried');
  }

  const relay = startPollingRelay({ name: 'mail relay', logger, pollMs: opts.pollMs ?? 1_000, batchSize, pass: sendDue });
  return {
    ...relay,
    async stop() {
      await relay.stop();
      transport.close();
    },
  };
}
