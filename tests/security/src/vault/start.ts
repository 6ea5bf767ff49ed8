import { randomBytes, randomUUID } from 'node:crypto';
import { projectCreated, projectEnded } from '@guild/contracts';
import { createTestDatabase } from '@guild/db/testing';
import { createSealer } from '@guild/platform';
import { createServer } from '@guild/vault/server';
import { customer, expert, listenOnFreePort, testJwtSecret, tokenFor } from '@guild/testkit';
// The vault learns of projects only from projects' events, through this consumer; its key ring as its index.ts loads it.
import { loadVaultMasterKeys } from '../../../../services/vault/src/config.js';
import { followProject } from '../../../../services/vault/src/consumers/follow-projects.js';
import { captureServerErrors } from '../server-log.js';
import { readOpenApiDocument, seedCaller, type ServiceUnderTest } from '../service-under-test.js';
import { homeAccess, homeCustomerId, homeExpertId, otherCustomerId, otherExpertId, seedVaultTenants } from './seed.js';

/** The vault on a fresh database of its own, sealing under a key made for the run, with both tenants seeded. */
export async function startVault(): Promise<ServiceUnderTest> {
  const db = await createTestDatabase();
  const log = captureServerErrors('vault');
  const sealer = createSealer(loadVaultMasterKeys({ VAULT_MASTER_KEYS: `security:${randomBytes(32).toString('base64')}` }));
  const app = createServer({ prisma: db.prisma, logger: log.logger, jwtSecret: testJwtSecret, readiness: {}, sealer, maxSecretBytes: 4 * 1024 });
  const { baseUrl, close: closeServer } = await listenOnFreePort(app);
  const document = await readOpenApiDocument(baseUrl);

  const follow = followProject(db.prisma);
  /** A project as projects announces it (`projects.project.created`, then `ended` when asked). */
  const announce = async (customerId: string, expertId: string, ended = false) => {
    const projectId = randomUUID();
    const at = new Date().toISOString();
    const envelope = { id: randomUUID(), version: 1, source: 'projects', occurredAt: at };
    const created = { projectId, customerId, expertId, customerRateCents: 9_000, expertRateCents: 6_000, currency: 'USD', talentRegion: 'eu_asia', billingMode: 'deposit', timeZone: 'Europe/Warsaw', weekStartDay: 'monday', createdAt: at };
    await follow({ ...envelope, subject: projectCreated.subject, payload: created });
    if (ended) await follow({ ...envelope, id: randomUUID(), subject: projectEnded.subject, payload: { projectId, customerId, expertId, at } });
    return projectId;
  };
  const projects = { home: await announce(homeCustomerId, homeExpertId), homeEnded: await announce(homeCustomerId, homeExpertId, true), other: await announce(otherCustomerId, otherExpertId) };

  const sign = tokenFor;
  const people = {
    homeCustomer: await sign(customer(homeCustomerId)),
    homeExpert: await sign(expert(homeExpertId)),
    otherCustomer: await sign(customer(otherCustomerId)),
    ops: await sign({ subject: 'ops-1', role: 'ops' }),
  };
  const home = await seedVaultTenants(seedCaller(baseUrl), people, projects);
  const service = await sign({ subject: 'temporal-worker', role: 'service' });
  return {
    name: 'vault',
    baseUrl,
    document,
    prisma: db.prisma,
    schemas: ['vault', 'platform'],
    home,
    foreignTokens: { 'foreign customer': people.otherCustomer, 'foreign expert': await sign(expert(otherExpertId)) },
    roleTokens: { customer: people.homeCustomer, expert: people.homeExpert, ops: people.ops, service },
    sign,
    lastServerError: log.lastError,
    logLines: log.lines,
    // The handed-over secret above all: revealed twice, it must never reach a log line.
    secrets: () => [...Object.values(people), service, homeAccess.secret],
    async close() {
      await closeServer();
      await db.drop();
    },
  };
}
