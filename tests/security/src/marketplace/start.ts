import { createServer } from '@guild/marketplace/server';
import { testJwtSecret } from '@guild/testkit';
import type { ServiceUnderTest } from '../service-under-test.js';
import { startSeededService } from '../start-seeded-service.js';
import { seedMarketplaceTenants } from './seed.js';

/** The marketplace on a fresh database of its own, listening on a free port, with both tenants seeded. */
export function startMarketplace(): Promise<ServiceUnderTest> {
  return startSeededService({
    name: 'marketplace',
    createApp: (db, logger) =>
      createServer({
        prisma: db.prisma,
        logger,
        jwtSecret: testJwtSecret,
        readiness: {},
        settings: { expertMailDomain: 'experts.test', projectsPublicUrl: 'http://127.0.0.1:9' },
      }),
    seed: (call, people) => seedMarketplaceTenants(call, people),
  });
}
