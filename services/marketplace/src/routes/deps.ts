import type { PrismaClient } from '@guild/db';
import type { HiringSettings } from '../domain/hiring-steps.js';

export interface MarketplaceRouteDeps {
  prisma: PrismaClient;
  settings: HiringSettings;
  /** Called after a commit that wrote an event or a mail, so the relays send it at once. */
  eventsRecorded: () => void;
}
