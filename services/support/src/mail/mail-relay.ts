import type { Prisma, PrismaClient } from '@guild/db';
import { startPollingRelay, type Logger, type PollingRelay } from '@guild/platform';
import nodemailer from 'nodemailer';
import { MAIL_DOMAIN } from '../domain/thread.js';

export interface MailRelayOptions {
  prisma: PrismaClient;
  smtpUrl: string;
  /** The From of every support mail, e.g. `Guild support <support@support.guild.local>`. */
  from: string;
  logger: Logger;
  /** Pause between passes when idle; `nudge()` cuts it short. Default 1 s. */
  pollMs?: number;
  /** Mails claimed per pass. Default 20. */
  batchSize?: number;
  /** Failed sends before a mail is given up (it stays unsent, with its last error, for ops). Default 10. */
  maxAttempts?: number;
}

export type MailRelay = PollingRelay;

type OutboundRow = { id: string };
type SendFailure = Error & { responseCode?: number; code?: string };

const maxBackoffMs = 10 * 60_000;

/** The headers a mail was queued with, as strings; anything else in the column is ignored. */
function headersOf(value: Prisma.JsonValue): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * Sends the support mail outbox, oldest first. Mails are claimed with `FOR UPDATE SKIP LOCKED`
 * and stay locked until marked sent, so several relays never send the same mail at once. A relay
 * that dies between sending and that commit sends the mail again later, with the same Message-ID
 * (mail clients show it once). A failed send is retried with a growing pause; a mail the server
 * refuses for good (5xx) is given up at once. Bodies and subjects never reach the logs.
 */
export function startMailRelay(opts: MailRelayOptions): MailRelay {
  const { prisma, logger } = opts;
  const pollMs = opts.pollMs ?? 1_000;
  const batchSize = opts.batchSize ?? 20;
  const maxAttempts = opts.maxAttempts ?? 10;
  // Short timeouts: mails are sent while their rows are locked inside a transaction.
  const transport = nodemailer.createTransport({ url: opts.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  // When each failed mail may be tried again; kept per process, as the table has no column for it.
  const retryAt = new Map<string, number>();

  async function sendDue(): Promise<number> {
    const now = Date.now();
    for (const [id, at] of retryAt) if (at <= now) retryAt.delete(id);
    const waiting = [...retryAt.keys()];
    return prisma.$transaction(
      async (tx) => {
        const claimed = await tx.$queryRaw<OutboundRow[]>`
          SELECT id FROM support.outbound_mail
           WHERE sent_at IS NULL AND attempts < ${maxAttempts} AND NOT (id = ANY(${waiting}::uuid[]))
           ORDER BY created_at, id
           LIMIT ${batchSize}
           FOR UPDATE SKIP LOCKED`;
        if (claimed.length === 0) return 0;
        const rows = await tx.supportOutboundMail.findMany({
          where: { id: { in: claimed.map((row) => row.id) } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        });
        let sent = 0;
        for (const row of rows) {
          const failure = await sendOne(row);
          if (!failure) {
            await tx.supportOutboundMail.update({ where: { id: row.id }, data: { sentAt: new Date(), lastError: null } });
            retryAt.delete(row.id);
            sent += 1;
            continue;
          }
          await recordFailure(tx, row, failure);
          // No answer from the server at all: the rest of the batch would fail the same way.
          if (!failure.responseCode) break;
        }
        return sent;
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  }

  async function sendOne(row: { id: string; toAddresses: string[]; subject: string; text: string; headers: Prisma.JsonValue }): Promise<SendFailure | null> {
    const headers = headersOf(row.headers);
    // A mail queued without a Message-ID gets a stable one, so a resend is recognised as the same mail.
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'message-id')) headers['Message-ID'] = `<m-${row.id}@${MAIL_DOMAIN}>`;
    try {
      await transport.sendMail({ from: opts.from, to: row.toAddresses, subject: row.subject, text: row.text, headers });
      logger.info({ mailId: row.id, recipients: row.toAddresses.length }, 'support mail sent');
      return null;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  async function recordFailure(tx: Prisma.TransactionClient, row: { id: string; attempts: number }, failure: SendFailure) {
    const refusedForGood = failure.responseCode !== undefined && failure.responseCode >= 500;
    const attempts = refusedForGood ? Math.max(maxAttempts, row.attempts + 1) : row.attempts + 1;
    await tx.supportOutboundMail.update({ where: { id: row.id }, data: { attempts, lastError: failure.message.slice(0, 2_000) } });
    const givenUp = attempts >= maxAttempts;
    if (!givenUp) retryAt.set(row.id, Date.now() + Math.min(maxBackoffMs, 1_000 * 2 ** attempts));
    logger[givenUp ? 'error' : 'warn'](
      { mailId: row.id, attempts, responseCode: failure.responseCode, code: failure.code, err: failure },
      givenUp ? 'sending a support mail failed; it is given up' : 'sending a support mail failed; it will be retried',
    );
  }

  const relay = startPollingRelay({ name: 'mail relay', logger, pollMs, batchSize, pass: sendDue });
  return {
    ...relay,
    async stop() {
      await relay.stop();
      transport.close();
    },
  };
}
