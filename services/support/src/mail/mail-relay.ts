import type { Prisma, PrismaClient } from '@guild/db';
import type { Logger } from '@guild/platform';
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

export interface MailRelay {
  /** Run a pass now (call it after committing a transaction that queued mail). */
  nudge(): void;
  /** One pass: send what is due; resolves to the number of mails sent. */
  drainOnce(): Promise<number>;
  /** Finish the pass in flight and stop polling. */
  stop(): Promise<void>;
}

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
  let stopped = false;
  let nudged = false;
  let wakeUp: (() => void) | undefined;
  let queue: Promise<unknown> = Promise.resolve();

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
        const rows = await tx.outboundMail.findMany({
          where: { id: { in: claimed.map((row) => row.id) } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        });
        let sent = 0;
        for (const row of rows) {
          const failure = await sendOne(row);
          if (!failure) {
            await tx.outboundMail.update({ where: { id: row.id }, data: { sentAt: new Date(), lastError: null } });
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
    await tx.outboundMail.update({ where: { id: row.id }, data: { attempts, lastError: failure.message.slice(0, 2_000) } });
    const givenUp = attempts >= maxAttempts;
    if (!givenUp) retryAt.set(row.id, Date.now() + Math.min(maxBackoffMs, 1_000 * 2 ** attempts));
    logger[givenUp ? 'error' : 'warn'](
      { mailId: row.id, attempts, responseCode: failure.responseCode, code: failure.code, err: failure },
      givenUp ? 'sending a support mail failed; it is given up' : 'sending a support mail failed; it will be retried',
    );
  }

  function drainOnce(): Promise<number> {
    // One pass at a time per relay; a caller during a pass gets the next one.
    const pass = queue.then(sendDue, sendDue);
    queue = pass.catch(() => undefined);
    return pass;
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  const running = (async () => {
    while (!stopped) {
      nudged = false;
      let sent = 0;
      try {
        sent = await drainOnce();
      } catch (error) {
        logger.error({ err: error }, 'mail relay pass failed');
      }
      if (stopped) break;
      // A full batch means more are waiting; a nudge during the pass means new mail committed.
      if (sent < batchSize && !nudged) await pause(pollMs);
    }
  })();

  return {
    nudge: () => {
      nudged = true;
      wakeUp?.();
    },
    drainOnce,
    async stop() {
      stopped = true;
      wakeUp?.();
      await running;
      await queue;
      transport.close();
    },
  };
}
