import net from 'node:net';
import { MailDev } from 'maildev';
import { eventually } from './eventually.js';

export interface SunkMail {
  id: string;
  subject: string;
  text: string;
  to: { address: string }[];
}

export interface MailSink {
  smtpUrl: string;
  /** Every mail to `to` so far, oldest first. */
  mailsTo(to: string): Promise<SunkMail[]>;
  /** Waits until `to` has received at least `count` mails and returns the newest. */
  waitForMail(to: string, count?: number): Promise<SunkMail>;
  /** The mail's header lines exactly as they arrived, by lower-case name. */
  headersOf(mail: SunkMail): Promise<Record<string, string>>;
  /** The one-time token of the link in the newest mail to `to`, once one has arrived. */
  linkTokenFor(to: string): Promise<string>;
  stop(): Promise<void>;
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
 * A real SMTP sink for tests that send mail: the one named by SMTP_URL + MAIL_API_URL when both are set (tests use unique
 * addresses, so a shared sink is fine), otherwise a maildev instance of this test file's own.
 */
export async function startMailSink(): Promise<MailSink> {
  let smtpUrl = process.env.SMTP_URL;
  let apiUrl = process.env.MAIL_API_URL;
  let maildev: MailDev | undefined;
  if (!smtpUrl || !apiUrl) {
    const [smtp, web] = [await freePort(), await freePort()];
    maildev = new MailDev({ smtp, web, ip: '127.0.0.1', webIp: '127.0.0.1', silent: true, disableWeb: false });
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
    waitForMail: (to, count = 1) =>
      eventually(`mail #${count} to ${to}`, async () => {
        const mails = await mailsTo(to);
        return mails.length >= count ? mails.at(-1) : undefined;
      }),
    linkTokenFor: (to) =>
      eventually(`a mail with a link to ${to}`, async () => {
        const newest = (await mailsTo(to)).at(-1);
        return newest && /#token=/.test(newest.text) ? tokenOfLink(newest) : undefined;
      }),
    async headersOf(mail) {
      const source = await (await fetch(`${emailsUrl}/${mail.id}/source`)).text();
      const head = source.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
      return Object.fromEntries(
        head.split(/\r?\n/).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
    },
    stop: async () => maildev?.stop(),
  };
}

/** The one-time token of the link in a mail (`…#token=…`). */
export function tokenOfLink(mail: SunkMail): string {
  const match = /#token=([^\s]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error(`no link with a token in the mail "${mail.subject}"`);
  return decodeURIComponent(match[1]);
}
