import { z } from 'zod';

/**
 * Who a mail goes to. People (a company's members, a user, an expert, ops) are named by id and
 * turned into addresses by identity only when the mail is sent: no service keeps their addresses.
 * A plain address is for someone identity does not know (the sender of a mailed-in query).
 */
export const personRecipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('company'), companyId: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('user'), userId: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('expert'), expertId: z.string().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('ops') }).strict(),
]);
export const recipientSchema = z.union([
  z.object({ kind: z.literal('address'), address: z.email().max(320) }).strict(),
  personRecipientSchema,
]);

export type PersonRecipient = z.infer<typeof personRecipientSchema>;
export type Recipient = z.infer<typeof recipientSchema>;

/** The body and answer of identity's `POST /people/mail-addresses` (service role only). */
export const mailAddressesRequestSchema = z.object({ recipients: z.array(personRecipientSchema).min(1).max(100) });
export const mailAddressesSchema = z.object({
  /** Every address the recipients stand for, each once. */
  addresses: z.array(z.string()),
  /** Recipients that stand for nobody: an unknown id, a company without active members. */
  unresolved: z.array(personRecipientSchema),
});
export type MailAddresses = z.infer<typeof mailAddressesSchema>;

/** Turns people into their current addresses: identity's endpoint, or identity itself in-process. */
export type MailDirectory = (people: PersonRecipient[]) => Promise<MailAddresses>;

/** What a recipient is called in logs and the ops list: ids only, never an address. */
export function describeRecipient(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'address':
      return 'address';
    case 'company':
      return `company:${recipient.companyId}`;
    case 'user':
      return `user:${recipient.userId}`;
    case 'expert':
      return `expert:${recipient.expertId}`;
    case 'ops':
      return 'ops';
  }
}

/** The addresses of a mail's recipients, each once (lower-cased), and the people who stand for nobody. */
export async function resolveRecipients(recipients: Recipient[], directory: MailDirectory): Promise<MailAddresses> {
  const addresses = recipients.flatMap((r) => (r.kind === 'address' ? [r.address] : []));
  const people = recipients.filter((r): r is PersonRecipient => r.kind !== 'address');
  const resolved = people.length > 0 ? await directory(people) : { addresses: [], unresolved: [] };
  const unique = [...new Map([...addresses, ...resolved.addresses].map((a) => [a.toLowerCase(), a])).values()];
  return { addresses: unique, unresolved: resolved.unresolved };
}
