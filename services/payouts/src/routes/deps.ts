import type { PrismaClient } from '@guild/db';
import type { ListingCheck } from '../domain/listing.js';
import type { StripeConnect } from '../stripe/connect.js';

export interface PayoutsRouteDeps {
  prisma: PrismaClient;
  stripe: StripeConnect;
  listing: ListingCheck;
  /** Called after a commit that wrote an event or a mail, so the relays send it at once. */
  eventsRecorded: () => void;
}
