import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@guild/db/testing';
import { createLogger, signToken, type Principal } from '@guild/platform';
import { testJwtSecret } from '@guild/platform/testing';
import { MailDev } from 'maildev';
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import supertest from 'supertest';
import { createFileAttachmentStore } from '../src/attachments/attachment-store.js';
import { mailSizeLimitFor } from '../src/mail/config.js';
import { startInboundMail, type InboundMailLimits } from '../src/mail/inbound-listener.js';
import { startMailRelay } from '../src/mail/mail-relay.js';
import { createServer } from '../src/server.js';

export interface SunkMail {
  id: string;
  subject: string;
  text: string;
  to: { address: string }[];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A real SMTP sink for the mail the relay sends: the one named by SMTP_URL + MAIL_API_URL when both
 * are set (tests use unique addresses, so a shared sink is fine), else a maildev of this file's own.
 */
export async function startMailSink() {
  let smtpUrl = process.env.SMTP_URL;
  let apiUrl = process.env.MAIL_API_URL;
  let maildev: MailDev | undefined;
  if (!smtpUrl || !apiUrl) {
    const [smtp, web] = [await freePort(), await freePort()];
    maildev = new MailDev({ smtp, web, ip: '127.0.0.1', webIp: '127.0.0.1', silent: true });
    await maildev.start();
    smtpUrl = `smtp://127.0.0.1:${smtp}`;
    apiUrl = `http://127.0.0.1:${web}`;
  }
  const emailsUrl = `${apiUrl.replace(/\/+$/, '')}/api/email`;

  async function mailsTo(to: string): Promise<SunkMail[]> {
    const res = await fetch(emailsUrl);
    if (!res.ok) throw new Error(`the mail sink answered ${res.status}`);
    const all = (await res.json()) as SunkMail[];
    return all.filter((mail) => mail.to.some((t) => t.address.toLowerCase() === to.toLowerCase()));
  }

  return {
    smtpUrl,
    mailsTo,
    /** Waits until `to` has received at least `count` mails and returns the newest. */
    async waitForMail(to: string, count = 1): Promise<SunkMail> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const mails = await mailsTo(to);
        if (mails.length >= count) return mails[mails.length - 1]!;
        if (Date.now() > deadline) throw new Error(`no mail #${count} to ${to} within 10 s (got ${mails.length})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    /** The mail's header lines exactly as they arrived, by lower-case name. */
    async headersOf(mail: SunkMail): Promise<Record<string, string>> {
      const source = await (await fetch(`${emailsUrl}/${mail.id}/source`)).text();
      const head = source.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
      return Object.fromEntries(
        head.split(/\r?\n/).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
    },
    stop: async () => maildev?.stop(),
  };
}

export type MailSink = Awaited<ReturnType<typeof startMailSink>>;

/** Log lines a test can read: what ops would see. */
export function capturedLogs() {
  const lines: string[] = [];
  return { lines, logger: createLogger('support-mail-test', 'info', { write: (line: string) => void lines.push(line) }) };
}

/**
 * The support service with its mail channel on a fresh database: the HTTP app with attachments,
 * the inbound SMTP listener, the mail relay sending into a real sink, and a customer's mail client.
 */
export async function startMailStack(opts: { maxAttachmentBytes?: number; limits?: InboundMailLimits } = {}) {
  const maxAttachmentBytes = opts.maxAttachmentBytes ?? 64 * 1024;
  const db = await createTestDatabase();
  const attachmentDir = await mkdtemp(path.join(tmpdir(), 'guild-attachments-'));
  const store = createFileAttachmentStore(attachmentDir);
  const logs = capturedLogs();
  const sink = await startMailSink();
  const relay = startMailRelay({ prisma: db.prisma, smtpUrl: sink.smtpUrl, from: 'Guild support <support@support.guild.local>', logger: logs.logger, pollMs: 100 });
  const inbound = await startInboundMail({
    prisma: db.prisma,
    port: 0,
    host: '127.0.0.1',
    logger: logs.logger,
    maxMessageBytes: mailSizeLimitFor(maxAttachmentBytes),
    maxAttachmentBytes,
    attachmentStore: store,
    onRecorded: () => relay.nudge(),
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  const app = createServer({
    prisma: db.prisma,
    logger: createLogger('support-test', 'silent'),
    jwtSecret: testJwtSecret,
    readiness: {},
    eventsRecorded: () => relay.nudge(),
    attachments: { store, maxBytes: maxAttachmentBytes },
  });
  const http = supertest(app);
  const as = (principal: Principal) => {
    const token = signToken(testJwtSecret, principal);
    return {
      get: async (p: string) => http.get(p).set('authorization', `Bearer ${await token}`),
      post: async (p: string, body?: object) => http.post(p).set('authorization', `Bearer ${await token}`).send(body),
      put: async (p: string, body?: object) => http.put(p).set('authorization', `Bearer ${await token}`).send(body),
      upload: async (p: string, bytes: Buffer, contentType: string) =>
        http.post(p).set('authorization', `Bearer ${await token}`).set('content-type', contentType).send(bytes),
      download: async (p: string) =>
        http
          .get(p)
          .set('authorization', `Bearer ${await token}`)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          }),
    };
  };
  const mailClient = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });

  return {
    db,
    prisma: db.prisma,
    app,
    as,
    sink,
    relay,
    inbound,
    store,
    attachmentDir,
    logs: logs.lines,
    /** Sends a mail to the support listener as a customer's mail client would. */
    sendMail: (mail: SendMailOptions) => mailClient.sendMail(mail),
    async stop() {
      mailClient.close();
      await inbound.stop();
      await relay.stop();
      await sink.stop();
      await db.drop();
      await rm(attachmentDir, { recursive: true, force: true });
    },
  };
}

export type MailStack = Awaited<ReturnType<typeof startMailStack>>;
