import { startMailSink as startSharedMailSink } from '@guild/platform/testing';

export interface MailSink {
  smtpUrl: string;
  /** The one-time token of the newest link mailed to `to`, once it has arrived. */
  linkTokenFor(to: string): Promise<string>;
  stop(): Promise<void>;
}

/** The platform's SMTP sink, read the way the seeding needs it: the invitation link's token. */
export async function startMailSink(): Promise<MailSink> {
  const sink = await startSharedMailSink();
  return {
    smtpUrl: sink.smtpUrl,
    async linkTokenFor(to) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const newest = (await sink.mailsTo(to)).at(-1);
        const token = newest && /#token=(\S+)/.exec(newest.text)?.[1];
        if (token) return decodeURIComponent(token);
        if (Date.now() > deadline) throw new Error(`no mail with a link to ${to} within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => sink.stop(),
  };
}
