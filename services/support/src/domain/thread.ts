/**
 * Mail threading: every mail about a query references the query's first Message-ID, so the
 * customer's mail client shows one thread; replies come back to the query's own address.
 */
export const MAIL_DOMAIN = process.env.SUPPORT_MAIL_DOMAIN ?? 'support.guild.local';

export const threadMessageIdOf = (queryId: string) => `<q-${queryId}@${MAIL_DOMAIN}>`;
export const replyAddressOf = (queryId: string) => `q-${queryId}@${MAIL_DOMAIN}`;

/** The query id in a reply address such as q-<uuid>@support.guild.local, if it is one. */
export function queryIdOfAddress(address: string): string | null {
  const match = /^q-([0-9a-f-]{36})@/i.exec(address.trim());
  return match ? match[1]!.toLowerCase() : null;
}
