import type { PrismaClient } from '@guild/db';
import { createOutboxRetentionActivities } from './outbox-retention/activities.js';
import { createQuerySlaActivities } from './query-sla/activities.js';
import { createServiceHttp } from './service-http.js';
import { createSupportQueryActivities } from './support-query/activities.js';

export interface ActivityDeps {
  supportUrl: string;
  /** How the worker authenticates to the services. */
  serviceToken: () => Promise<string>;
  prisma: PrismaClient;
}

/** Every activity the worker offers, built over its clients. */
export function createActivities({ supportUrl, serviceToken, prisma }: ActivityDeps) {
  const support = createServiceHttp(supportUrl, serviceToken);
  return {
    ...createQuerySlaActivities({ support }),
    ...createSupportQueryActivities({ support }),
    ...createOutboxRetentionActivities({ prisma }),
  };
}
