import net from 'node:net';
import { MailDev } from 'maildev';

interface SunkMail {
  text: string;
  to: { address: string }[];
}

export interface MailSink {
  smtpUrl: string;
  /** The one-time token of the newest link mailed to `to`, once it has arrived. */
  linkTokenFor(to: string): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A maildev instance of this test file's own, on free ports: the invitations really go by SMTP. */
export async function startMailSink(): Promise<MailSink> {
  const [smtp, web] = [await freePort(), await freePort()];
  const maildev = new MailDev({ smtp, web, ip: '127.0.0.1', webIp: '127.0.0.1', silent: true });
  await maildev.start();

  async function mailsTo(to: string): Promise<SunkMail[]> {
    const res = await fetch(`http://127.0.0.1:${web}/api/email`);
    if (!res.ok) throw new Error(`the mail sink answered ${res.status}`);
    return ((await res.json()) as SunkMail[]).filter((mail) => mail.to.some((t) => t.address.toLowerCase() === to.toLowerCase()));
  }

  return {
    smtpUrl: `smtp://127.0.0.1:${smtp}`,
    async linkTokenFor(to) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const newest = (await mailsTo(to)).at(-1);
        const token = newest && /#token=(\S+)/.exec(newest.text)?.[1];
        if (token) return decodeURIComponent(token);
        if (Date.now() > deadline) throw new Error(`no mail with a link to ${to} within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => maildev.stop(),
  };
}
