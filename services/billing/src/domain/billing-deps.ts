import type { PrismaClient } from '@guild/db';
import type { StripeClient } from '../stripe/client.js';

export interface BillingSettings {
  /** Days a sent invoice gives the customer to pay. */
  invoiceDaysUntilDue: number;
  /** Verifies Stripe's webhook signatures. */
  webhookSecret: string;
}

/** What billing's verbs and routes work with. */
export interface BillingDeps {
  prisma: PrismaClient;
  stripe: StripeClient;
  settings: BillingSettings;
  /** Called after a commit that wrote an event or a mail, so the relays send it at once. */
  eventsRecorded: () => void;
}
