import type { PrismaClient } from '@guild/db';
import type { MailDirectory } from '@guild/platform';

/** Answers why the expert's listing is not active, or null when it is. */
export type ListingCheck = (expertId: string) => Promise<string | null>;

/**
 * The seeds pay only experts with an active listing. Listings will live in the marketplace
 * service, which does not exist yet; until it does, a listing is active when identity knows the
 * expert (resolves them to a person) and ops have not suspended their payouts. This is the one
 * place to replace with a call to the marketplace.
 */
export function listingCheck(prisma: PrismaClient, identity: MailDirectory): ListingCheck {
  return async (expertId) => {
    const suspension = await prisma.payoutSuspension.findUnique({ where: { expertId } });
    if (suspension) return `payouts are suspended by our team: ${suspension.reason}`;
    const known = await identity([{ kind: 'expert', expertId }]);
    if (known.unresolved.length > 0) return 'you have no active expert listing';
    return null;
  };
}
