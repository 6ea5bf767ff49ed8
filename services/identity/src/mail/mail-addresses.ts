import type { PrismaClient } from '@guild/db';
import type { MailAddresses, MailDirectory, PersonRecipient } from '@guild/platform';

/** The addresses one recipient stands for now: active members of a company, active ops, one user or expert. */
async function addressesOf(prisma: PrismaClient, recipient: PersonRecipient): Promise<string[]> {
  // A company's and ops' mail goes to people who have joined; a pending invitee has not.
  const active = { activatedAt: { not: null } };
  switch (recipient.kind) {
    case 'company': {
      const members = await prisma.user.findMany({ where: { companyId: recipient.companyId, kind: 'customer', ...active }, select: { email: true } });
      return members.map((m) => m.email);
    }
    case 'ops': {
      const team = await prisma.user.findMany({ where: { kind: 'ops', ...active }, select: { email: true } });
      return team.map((m) => m.email);
    }
    case 'user': {
      const user = await prisma.user.findUnique({ where: { id: recipient.userId }, select: { email: true } });
      return user ? [user.email] : [];
    }
    case 'expert': {
      const expert = await prisma.user.findUnique({ where: { expertId: recipient.expertId }, select: { email: true } });
      return expert ? [expert.email] : [];
    }
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Ids that are not UUIDs name nobody (and would make PostgreSQL refuse the query).
const wellFormed = (r: PersonRecipient) => (r.kind === 'company' ? uuid.test(r.companyId) : r.kind === 'user' ? uuid.test(r.userId) : true);

/**
 * People turned into their current addresses — what `POST /people/mail-addresses` answers to
 * services, and what identity's own mail relay asks in-process.
 */
export function mailAddressesFrom(prisma: PrismaClient): MailDirectory {
  return async (recipients): Promise<MailAddresses> => {
    const addresses = new Set<string>();
    const unresolved: PersonRecipient[] = [];
    for (const recipient of recipients) {
      const found = wellFormed(recipient) ? await addressesOf(prisma, recipient) : [];
      if (found.length === 0) unresolved.push(recipient);
      for (const address of found) addresses.add(address);
    }
    return { addresses: [...addresses], unresolved };
  };
}
