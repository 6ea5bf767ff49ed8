import { mailAddressesSchema, type MailDirectory } from './recipients.js';

/**
 * People resolved by identity's `POST /people/mail-addresses`, with this service's token. A
 * failure throws, so the relay retries the mail later instead of dropping anyone.
 */
export function identityMailDirectory(opts: { identityUrl: string; serviceToken: () => Promise<string> }): MailDirectory {
  const url = new URL('/people/mail-addresses', opts.identityUrl);
  return async (recipients) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await opts.serviceToken()}` },
      body: JSON.stringify({ recipients }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`identity answered ${res.status} when asked for mail addresses`);
    return mailAddressesSchema.parse(await res.json());
  };
}
